import { defineHeldDecision } from './held-decision.js'

export const heldDiscard = defineHeldDecision('discard')
