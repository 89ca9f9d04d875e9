import { defineHeldDecision } from './held-decision.js'

export const heldSend = defineHeldDecision('send')
