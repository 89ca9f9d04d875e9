/**
 * The one place that decides whether a user may do something. Every refusal
 * says what is missing and what to do about it.
 */
import { HuddleError } from './errors.js'
import { hasDigitalLicence, type Channel, type User } from './users.js'

/** An inbox as permissions see it: its members, or its owner if personal (a personal inbox exists while its owner holds a digital licence). */
export type InboxAccess =
  | { readonly kind: 'shared'; readonly name: string; readonly members: readonly string[] }
  | { readonly kind: 'personal'; readonly owner: string }

export type Action =
  /** Users, inboxes, membership, routing, templates. */
  | { readonly kind: 'manage-settings' }
  /** Reading those settings; `what` names the read in a refusal ("Listing users"). */
  | { readonly kind: 'read-settings'; readonly what: string }
  /** Reading the message templates, which are what agents reply with. */
  | { readonly kind: 'read-templates' }
  /** Being made a member of a shared inbox. */
  | { readonly kind: 'become-member' }
  /** Reading the organisation directory. */
  | { readonly kind: 'read-directory' }
  /** Reading an inbox and its conversations. */
  | { readonly kind: 'read-inbox'; readonly inbox: InboxAccess }
  /** Claim, take over, assign, unassign, archive, unarchive, note. */
  | { readonly kind: 'act-in-inbox'; readonly inbox: InboxAccess }
  /** Sending a reply to the customer on a channel. */
  | { readonly kind: 'reply'; readonly inbox: InboxAccess; readonly channel: Channel }
  /** Setting whether `user` is available, busy or away. */
  | { readonly kind: 'set-availability'; readonly user: string }
  /** Reading the SLA breaches recorded for an inbox (for reports). */
  | { readonly kind: 'read-sla-breaches'; readonly inbox: InboxAccess }
  /** Reading the report figures of an inbox. */
  | { readonly kind: 'read-reports'; readonly inbox: InboxAccess }
  /** Opening (reading and writing) the settings document of `owner`: their saved views. */
  | { readonly kind: 'use-prefs'; readonly owner: string }

export type Decision = { readonly allowed: true } | { readonly allowed: false; readonly error: HuddleError }

const ALLOWED: Decision = { allowed: true }

function refuse(message: string): Decision {
  return { allowed: false, error: new HuddleError('forbidden', message) }
}

function inboxDecision(user: User, inbox: InboxAccess): Decision {
  switch (inbox.kind) {
    case 'personal':
      // Ownership is decided first, so a refusal never tells others whether a user holds a licence (and so a personal inbox).
      if (inbox.owner !== user.id) return refuse(`The personal inbox of \`${inbox.owner}\` can only be opened by its owner.`)
      return hasDigitalLicence(user)
        ? ALLOWED
        : refuse(`\`${user.id}\` holds no digital licence, so has no personal inbox. Ask an admin: \`huddle user edit ${user.id} --licence sms\`.`)
    case 'shared':
      return isInboxMember(inbox, user.id)
        ? ALLOWED
        : refuse(`You (\`${user.id}\`) are not a member of inbox \`${inbox.name}\`. Ask an admin: \`huddle inbox members "${inbox.name}" --add ${user.id}\`.`)
  }
}

/** Whether `userId` counts as a member of the inbox (for folding its events: a non-member holds nothing). */
export function isInboxMember(inbox: InboxAccess | null, userId: string): boolean {
  if (inbox === null) return false
  return inbox.kind === 'personal' ? inbox.owner === userId : inbox.members.includes(userId)
}

/** Settings, read or changed, are the admins' (SPEC's permission levels); `doing` starts the refusal. */
function settingsDecision(user: User, doing: string): Decision {
  const isAdmin = user.permission === 'admin'
  const isLicensed = hasDigitalLicence(user)
  if (isAdmin && isLicensed) return ALLOWED
  const missing = [
    !isAdmin && `the \`admin\` permission (you have \`${user.permission}\`)`,
    !isLicensed && 'a digital licence (sms, whatsapp or chat)',
  ].filter(Boolean)
  return refuse(`${doing} needs ${missing.join(' and ')}; \`${user.id}\` lacks it. Ask an admin to run \`huddle user edit ${user.id}\`.`)
}

export function decide(user: User, action: Action): Decision {
  switch (action.kind) {
    case 'manage-settings':
      return settingsDecision(user, 'Changing settings')
    case 'read-settings':
      return settingsDecision(user, action.what)
    case 'become-member':
      return hasDigitalLicence(user)
        ? ALLOWED
        : refuse(`User \`${user.id}\` holds no digital licence and cannot be an inbox member; give them one with \`huddle user edit ${user.id} --licence sms\`.`)
    case 'read-templates':
      // Every agent's replica holds the templates (they are in `org`), so any licensed user may list them.
      return hasDigitalLicence(user)
        ? ALLOWED
        : refuse(`Listing templates needs a digital licence (sms, whatsapp or chat); \`${user.id}\` lacks it. Ask an admin to run \`huddle user edit ${user.id}\`.`)
    case 'read-directory':
      return ALLOWED
    case 'read-inbox':
    case 'act-in-inbox':
      return inboxDecision(user, action.inbox)
    case 'reply': {
      const access = inboxDecision(user, action.inbox)
      if (!access.allowed) return access
      return user.licences.includes(action.channel)
        ? ALLOWED
        : refuse(`Replying on ${action.channel} needs the \`${action.channel}\` licence, which \`${user.id}\` does not hold; you can still read, note and assign. Ask an admin for it.`)
    }
    case 'set-availability':
      // An admin may set a colleague's, e.g. `away` for one who left without saying.
      return action.user === user.id || user.permission === 'admin'
        ? ALLOWED
        : refuse(`Only \`${action.user}\` or an admin can set the availability of \`${action.user}\`; set your own with \`huddle availability set busy\`.`)
    case 'read-sla-breaches':
    case 'read-reports':
      // Admins and team leaders report on every inbox; an agent on the inboxes they work in.
      return user.permission === 'admin' || user.permission === 'team-leader' ? ALLOWED : inboxDecision(user, action.inbox)
    case 'use-prefs':
      // An agent's own filters say what they watch; not even an admin reads them.
      return action.owner === user.id ? ALLOWED : refuse(`The saved views of \`${action.owner}\` can only be opened by \`${action.owner}\`; save your own with \`huddle view save\`.`)
  }
}

/** Like `decide`, but throws the refusal. */
export function authorize(user: User, action: Action): void {
  const decision = decide(user, action)
  if (!decision.allowed) throw decision.error
}
