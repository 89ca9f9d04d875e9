#!/usr/bin/env node
/** The `huddle` binary. */
import process from 'node:process'
import { processIo } from './io.js'
import { runCli } from './run.js'

const code = await runCli(process.argv.slice(2), processIo())
process.exitCode = code
// Leave by ourselves once the event loop drains, so piped output is flushed;
// but do not hang on a handle someone forgot to close.
setTimeout(() => process.exit(code), 2000).unref()
