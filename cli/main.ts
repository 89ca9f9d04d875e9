#!/usr/bin/env node
/** The `huddle` binary. */
import process from 'node:process'
import { processIo } from './io.js'
import { runCli } from './run.js'

// A reader that stops early (`huddle user list | head -1`) closes the pipe;
// that ends the output, not with a crash.
for (const stream of [process.stdout, process.stderr])
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error
    process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0)
  })

const code = await runCli(process.argv.slice(2), processIo())
process.exitCode = code
// Leave by ourselves once the event loop drains, so piped output is flushed;
// but do not hang on a handle someone forgot to close.
setTimeout(() => process.exit(code), 2000).unref()
