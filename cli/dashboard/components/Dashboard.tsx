/**
 * The agent dashboard: Inboxes, Conversations and Conversation panes, the
 * notice line and the status bar, sized to the terminal (or to `columns` and
 * `rows` when given). Data comes from the client's batched subscriptions;
 * keys go through the key table to the controller, one key per committed
 * frame, so that every key acts on what the previous one left.
 */
import { labelName, type LabelCatalogue } from '../../../core/label.js'
import { Box, Text, type Key } from 'ink'
import { useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState } from 'react'
import type { ConversationRow } from '../../client/inbox-view.js'
import { VIEW_TITLES, type View } from '../../../core/views.js'
import { DEFAULT_IDLE_AWAY_MINUTES } from '../../../core/availability.js'
import type { InboxInfo } from '../../client/huddle-client.js'
import type { Searcher } from '../../client/search-client.js'
import { runAction, takePaste, takeText, type Controller, type PickerOption } from '../controller.js'
import type { DashboardSource, SeenStore } from '../dashboard-source.js'
import { initialState, modeOf, reduce, selectionKey, type DashboardState } from '../dashboard-state.js'
import { filterRows } from '../filter-rows.js'
import { sortByDue } from '../sort-by-due.js'
import { contactLabel, inboxTitle } from '../format.js'
import { actionFor, keyName, splitKeys, typedText } from '../key-table.js'
import { layoutFor, MIN_COLUMNS, MIN_ROWS } from '../layout.js'
import { mentionCandidates, type Member } from '../mentions.js'
import { pickerChoices, pickerTitle } from '../picker-choices.js'
import { beforeCursor } from '../text-edit.js'
import { buildTimeline } from '../timeline.js'
import type { Theme } from '../theme.js'
import { useBackgroundSync } from '../hooks/use-background-sync.js'
import { useClientStatus } from '../hooks/use-client-status.js'
import { useConversation } from '../hooks/use-conversation.js'
import { useFrameScheduler } from '../hooks/use-frame-scheduler.js'
import { useInboxSnapshot } from '../hooks/use-inbox-snapshot.js'
import { useHistoryRows } from '../hooks/use-history-rows.js'
import { useInboxes } from '../hooks/use-inboxes.js'
import { useIdleAway } from '../hooks/use-idle-away.js'
import { useKeyboard } from '../hooks/use-keyboard.js'
import { useNotices } from '../hooks/use-notices.js'
import { useNow } from '../hooks/use-now.js'
import { useOpenConversation } from '../hooks/use-open-conversation.js'
import { useReport } from '../hooks/use-report.js'
import { useSearch } from '../hooks/use-search.js'
import { useSavedView, useSavedViews } from '../hooks/use-saved-views.js'
import type { SlaPolicy } from '../../../core/sla-policy.js'
import { usePresence } from '../hooks/use-presence.js'
import { useTerminalSize } from '../hooks/use-terminal-size.js'
import { ConversationList, visibleRowCount } from './ConversationList.js'
import { ConversationPane, HEADER_LINES, maxScroll } from './ConversationPane.js'
import { composerHeight } from './Composer.js'
import { HelpOverlay, helpLayout } from './HelpOverlay.js'
import { InboxesPane } from './InboxesPane.js'
import { NoticeLine } from './NoticeLine.js'
import { noticeLayout, noticeShown } from '../notice-line.js'
import { PickerPane } from './PickerPane.js'
import { ReportsPane } from './ReportsPane.js'
import { SearchPane } from './SearchPane.js'
import { StatusBar } from './StatusBar.js'

export type DashboardProps = {
  readonly source: DashboardSource
  readonly seen: SeenStore
  /** The server's URL, for the status bar. */
  readonly server: string
  readonly theme: Theme
  readonly onQuit: () => void
  /** A fixed size (tests, benchmarks); else the terminal's, following resizes. */
  readonly columns?: number
  readonly rows?: number
  readonly now?: () => number
  /** Refresh recent conversations in the background (default true). */
  readonly isBackgroundSync?: boolean
  /** How long the result of an action stays on the notice line (default 4 s). */
  readonly flashMs?: number
  /** Searches for the search screen (the server, else this computer's copy); the screen says search is unavailable without it. */
  readonly search?: Searcher
  /** How long typing must pause before the search screen searches (default 200 ms). */
  readonly searchDebounceMs?: number
  /** How long without a key press sets the agent away (default 10 min; 0: never). */
  readonly idleAwayMs?: number
}

/** Where the agent starts: the first inbox holding conversations assigned to them, else the first inbox's Unassigned. */
function startingView(inboxes: readonly InboxInfo[]): { inbox: string; view: View } | null {
  const withMine = inboxes.find((i) => i.counts.mine > 0)
  if (withMine) return { inbox: withMine.doc, view: 'mine' }
  return inboxes[0] ? { inbox: inboxes[0].doc, view: 'unassigned' } : null
}

function startState(source: DashboardSource): DashboardState {
  const start = startingView(source.read({ kind: 'inboxes' }))
  return start ? initialState(start.inbox, start.view) : initialState()
}

function cursorOf(rows: readonly ConversationRow[], selection: DashboardState['selections'][string] | undefined): number {
  if (rows.length === 0) return 0
  if (selection?.id) {
    const found = rows.findIndex((r) => r.id === selection.id)
    if (found >= 0) return found
  }
  return Math.min(Math.max(0, selection?.index ?? 0), rows.length - 1)
}

/** What the list says while the agent has no inbox: still loading, or not a member anywhere (and how to become one). */
function noInboxText(connection: string, me: string | null): string {
  if (connection !== 'online') return 'Waiting for your inboxes…'
  return `You are not a member of any inbox yet. Ask an admin to add you: huddle inbox members INBOX --add ${me ?? 'YOU'}`
}

/** What arrived from the terminal, waiting to act: a key, or a paste taken whole. */
type Input = { readonly kind: 'key'; readonly input: string; readonly key: Key } | { readonly kind: 'paste'; readonly text: string }

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

export function Dashboard(props: DashboardProps) {
  const { source, seen, theme } = props
  const [state, dispatch] = useReducer(reduce, source, startState)
  const size = useTerminalSize({ columns: props.columns, rows: props.rows })
  const now = useNow(props.now)
  const me = source.userId
  const nameOf = useCallback((id: string) => (id === me ? 'You' : source.userName(id)), [source, me])
  // The same object while the catalogue is unchanged, so rows are not drawn again for it.
  const labelsKey = JSON.stringify(source.labels())
  const labels = useMemo((): LabelCatalogue => JSON.parse(labelsKey) as LabelCatalogue, [labelsKey])
  const labelOf = useCallback((id: string) => labelName(id, labels, source.removedLabels()), [labels, source])
  const availabilityOf = useCallback((id: string) => source.availabilityOf(id), [source])
  const contactOf = useCallback(
    (id: string) => {
      const row = source.conversation(id)
      return row ? contactLabel(row) : null
    },
    [source],
  )

  const requestFrame = useFrameScheduler()
  const inboxes = useInboxes(source, requestFrame)
  const inbox = inboxes.find((i) => i.doc === state.inbox) ?? null
  useEffect(() => {
    const start = startingView(inboxes)
    if (!inbox && start) dispatch({ type: 'choose', ...start })
  }, [inbox, inboxes])

  const status = useClientStatus(source, requestFrame)
  const tell = useCallback((text: string) => dispatch({ type: 'flash', flash: { text, tone: 'info' } }), [])
  const onActivity = useIdleAway(source, props.idleAwayMs ?? DEFAULT_IDLE_AWAY_MINUTES * 60_000, tell)
  const notices = useNotices(source, requestFrame)
  const shownNotice = noticeShown(state.overlay?.kind === 'confirm' ? state.overlay.confirmation : null, state.flash, notices, nameOf, contactOf)
  const isNoticeExpanded = shownNotice !== null && shownNotice.id !== null && shownNotice.id === state.expandedNotice
  // Read whole, a notice takes at most half the terminal: the panes stay in sight.
  const noticeLines = shownNotice ? noticeLayout(shownNotice, size.columns, isNoticeExpanded, Math.floor((size.rows - 1) / 2)) : null
  const layout = layoutFor(size.columns, size.rows, state.focus, noticeLines?.lines.length ?? 1)
  const snapshot = useInboxSnapshot(source, state.inbox, requestFrame)
  const savedViews = useSavedViews(source, requestFrame)
  const savedView = useSavedView(source, state.saved, requestFrame)
  useEffect(() => {
    // A saved view removed (here or on another computer) gives way to the inbox's view.
    if (state.saved !== null && savedView === null && state.inbox !== null) dispatch({ type: 'choose', inbox: state.inbox, view: state.view })
  }, [state.saved, savedView === null])
  const selection = state.selections[selectionKey(state)]
  const liveRows = useMemo(
    () => (state.saved !== null ? (savedView?.rows ?? []) : (snapshot?.rows ?? []).filter((r) => r.view === state.view)),
    [snapshot, savedView, state.view, state.saved],
  )
  const isArchived = state.view === 'archived' && inbox !== null && state.saved === null
  const isOnline = status.connection.kind === 'online' || status.connection.kind === 'syncing'
  // Below the live archived rows, the older ones the server keeps in history, paged in as the cursor nears the end.
  const history = useHistoryRows(source, state.inbox, isArchived, isOnline, selection?.index ?? 0, liveRows.length)
  const viewRows = useMemo(() => {
    if (!isArchived || history.rows.length === 0) return liveRows
    const live = new Set(liveRows.map((r) => r.id))
    return [...liveRows, ...history.rows.filter((r) => !live.has(r.id))]
  }, [liveRows, history.rows, isArchived])
  // Per row: a saved view's rows come from several inboxes, each with its own policy.
  const slaPolicyOf = useCallback((row: ConversationRow): SlaPolicy | null => inboxes.find((i) => i.doc === row.inbox)?.sla ?? null, [inboxes])
  const sortedRows = useMemo(() => (state.isSortedByDue ? sortByDue(viewRows, slaPolicyOf, now) : viewRows), [viewRows, state.isSortedByDue, slaPolicyOf, now])
  const rows = useMemo(() => filterRows(sortedRows, state.filter, nameOf), [sortedRows, state.filter, nameOf])
  const cursor = cursorOf(rows, selection)
  const selected = rows[cursor] ?? null
  const marked = useMemo(() => (state.marks.size === 0 ? [] : rows.filter((row) => state.marks.has(row.id))), [rows, state.marks])
  useEffect(() => {
    // Follow the row now under the cursor when the selected one left the view.
    if (selected && selection?.id !== selected.id) dispatch({ type: 'select', id: selected.id, index: cursor })
  }, [selected?.id, cursor])

  const shownId = state.openId ?? selected?.id ?? null
  const detail = useConversation(source, shownId, requestFrame)
  const shownRow: ConversationRow | null = detail ?? (selected?.id === shownId ? selected : null)
  const presence = usePresence(source, state.openId, requestFrame)
  const say = useCallback((text: string) => dispatch({ type: 'flash', flash: { text, tone: 'error' } }), [])
  const isTyping = state.composer !== null && state.composer.text.trim() !== ''
  useOpenConversation(source, state.openId, isTyping, (error) => say(messageOf(error)))
  useBackgroundSync(source, status.connection.kind, props.isBackgroundSync ?? true, (error) => say(`Could not bring your recent conversations up to date: ${messageOf(error)}`))

  const [seenVersion, bumpSeen] = useReducer((n: number) => n + 1, 0)
  useEffect(() => {
    if (state.openId === null || !detail || detail.id !== state.openId) return
    const before = seen.seenAt(state.openId)
    seen.markSeen(state.openId, Math.max(Date.now(), detail.lastInboundAt ?? 0))
    if (before !== seen.seenAt(state.openId)) bumpSeen()
  }, [state.openId, detail?.lastInboundAt])

  useEffect(() => {
    // A result being read whole stays until folded or replaced.
    if (!state.flash || isNoticeExpanded) return
    const timer = setTimeout(() => dispatch({ type: 'flash', flash: null }), props.flashMs ?? 4000)
    return () => clearTimeout(timer)
  }, [state.flash, isNoticeExpanded])

  const shownInbox = inboxes.find((i) => i.doc === shownRow?.inbox) ?? inbox
  const members: Member[] = useMemo(
    () => (shownInbox?.members ?? []).filter((id) => id !== me).map((id) => ({ id, name: source.userName(id) })),
    [shownInbox, me, source],
  )
  const candidates = state.composer ? mentionCandidates(beforeCursor(state.composer), members) : []

  const conversationInner = Math.max(1, layout.conversation - 2)
  const day = new Date(now).toDateString()
  const timeline = useMemo(
    () => (detail && detail.isLoaded ? buildTimeline(detail, conversationInner, { nameOf, labelOf }, now) : []),
    [detail, conversationInner, nameOf, labelOf, day],
  )
  const composerTemplate = useMemo(() => {
    const name = state.composer?.template?.name
    if (name === undefined) return null
    const templates = source.templates()
    return Object.hasOwn(templates, name) ? templates[name]! : null
  }, [state.composer?.template?.name, source])
  const composerRoom = Math.max(1, layout.bodyHeight - 2 - HEADER_LINES)
  const composerLines =
    state.composer && shownRow
      ? composerHeight({
          composer: state.composer,
          channel: shownRow.channel,
          contact: contactLabel(shownRow),
          candidates,
          template: composerTemplate,
          width: conversationInner,
          room: composerRoom,
        })
      : 0
  const timelinePage = Math.max(1, composerRoom - composerLines)
  const showsTabs = layout.inboxes === 0
  const listPage = visibleRowCount(layout.bodyHeight, state.isFiltering || state.filter !== '', showsTabs)

  const picker = state.overlay?.kind === 'picker' ? state.overlay.picker : null
  const pickerOptions: PickerOption[] = useMemo(() => {
    if (!picker) return []
    const query = picker.query.toLowerCase()
    return pickerChoices(picker, { inboxes, source, me, now }).filter((o) => query === '' || o.label.toLowerCase().includes(query) || o.value.toLowerCase().includes(query))
  }, [picker, inboxes, source, me, now])

  const searching = state.overlay?.kind === 'search' ? state.overlay : null
  const searchResults = useSearch(props.search, searching?.query ?? null, 50, props.searchDebounceMs)
  const searchHits = searching && searchResults.text === searching.query ? searchResults.hits : []

  const reporting = state.overlay?.kind === 'reports' ? state.overlay : null
  const report = useReport(source, reporting ? state.inbox : null, reporting?.days ?? null)

  const applying = useRef<Promise<unknown> | null>(null)
  const controller: Controller = {
    state,
    dispatch,
    source,
    layout,
    inboxes,
    inbox,
    savedViews,
    rows,
    cursor,
    target: state.focus === 'conversation' ? shownRow : state.focus === 'list' ? selected : null,
    marked,
    notices,
    status,
    listPage,
    now,
    timelinePage,
    timelineMaxScroll: maxScroll(timeline.length, timelinePage),
    helpMaxScroll: state.overlay?.kind === 'help' ? helpLayout(size.columns, layout.bodyHeight).maxScroll : 0,
    candidates,
    pickerOptions,
    searchHits,
    nameOf,
    quit: props.onQuit,
    onApplying: (applied) => {
      applying.current = applied
      const resume = (): void => {
        if (applying.current !== applied) return
        applying.current = null
        // The replica has the change; its notifications would come a batch
        // later, and the next key must see it: deliver them before that key acts.
        source.flush()
        setKeyTick((n) => n + 1)
      }
      applied.then(resume, resume)
    },
  }

  // A key acts at once on the state of the last frame. Keys that arrive
  // together (typed ahead, sent by a multiplexer, pasted where bracketed paste is off) act one per
  // committed frame, each on what the one before left: after a key that
  // started an action, the next waits until the action is applied and drawn.
  const latest = useRef(controller)
  latest.current = controller
  const inputs = useRef<Input[]>([])
  const [, setKeyTick] = useState(0)
  const handleKey = (c: Controller): void => {
    if (applying.current !== null) return
    const next = inputs.current.shift()
    if (!next) return
    if (next.kind === 'paste') takePaste(c, next.text)
    else {
      let { input } = next
      const { key } = next
      const mode = modeOf(c.state)
      const isText = mode === 'filter' || mode === 'compose' || mode === 'template' || mode === 'picker' || mode === 'search'
      if (!isText && input.length > 1 && typedText(input, key) !== null) {
        const [first, ...rest] = [...input]
        inputs.current.unshift({ kind: 'key', input: rest.join(''), key })
        input = first!
      }
      const action = actionFor(mode, c.state.focus, keyName(input, key))
      if (action) runAction(c, action)
      else if (isText) {
        const text = typedText(input, key)
        if (text !== null) takeText(c, text)
      }
    }
    if (inputs.current.length > 0) setKeyTick((n) => n + 1)
  }
  const enqueue = (...arrived: Input[]): void => {
    onActivity()
    const isIdle = inputs.current.length === 0 && applying.current === null
    inputs.current.push(...arrived)
    if (isIdle) handleKey(latest.current)
    else setKeyTick((n) => n + 1)
  }
  useKeyboard(
    (input, key) => enqueue(...splitKeys(input, key).map(([text, parsed]): Input => ({ kind: 'key', input: text, key: parsed }))),
    (text) => enqueue({ kind: 'paste', text }),
  )
  useLayoutEffect(() => handleKey(controller))

  if (layout.isTooSmall)
    return (
      <Box width={size.columns} height={layout.height}>
        <Text wrap="wrap">{`The terminal is too small (${size.columns}×${size.rows}): huddle needs ${MIN_COLUMNS}×${MIN_ROWS}. Make it bigger, or press q.`}</Text>
      </Box>
    )

  const mode = modeOf(state)
  const inboxName = shownInbox ? inboxTitle(shownInbox) : ''
  const byDue = state.isSortedByDue ? ' · by due' : ''
  const title = savedView ? `★ ${savedView.view.name}${byDue}` : inbox ? `${inboxTitle(inbox)} · ${VIEW_TITLES[state.view]}${byDue}` : 'Conversations'
  const pickerPane = picker ? (
    <PickerPane
      title={pickerTitle(picker, shownRow, now)}
      query={picker.query}
      choices={pickerOptions}
      index={Math.min(picker.index, Math.max(0, pickerOptions.length - 1))}
      width={layout.conversation > 0 ? layout.conversation : layout.list}
      height={layout.bodyHeight}
      theme={theme}
    />
  ) : null

  return (
    <Box flexDirection="column" width={size.columns} height={layout.height}>
      <Box flexDirection="row" height={layout.bodyHeight}>
        {state.overlay?.kind === 'help' ? (
          <HelpOverlay width={size.columns} height={layout.bodyHeight} scroll={state.overlay.scroll} theme={theme} />
        ) : reporting ? (
          <ReportsPane inboxName={inbox ? inboxTitle(inbox) : ''} days={reporting.days} state={report} width={size.columns} height={layout.bodyHeight} theme={theme} />
        ) : searching ? (
          <SearchPane
            query={searching.query}
            results={props.search ? searchResults : { ...searchResults, error: 'Search is not available here.' }}
            index={Math.min(searching.index, Math.max(0, searchHits.length - 1))}
            inboxLabel={(doc) => {
              const found = inboxes.find((i) => i.doc === doc)
              return found ? inboxTitle(found) : doc
            }}
            now={now}
            width={size.columns}
            height={layout.bodyHeight}
            theme={theme}
          />
        ) : (
          <>
            {layout.inboxes > 0 ? (
              <InboxesPane
                inboxes={inboxes}
                current={state.inbox}
                view={state.view}
                savedViews={savedViews}
                saved={savedView ? state.saved : null}
                owner={me === null ? 'Your views' : source.userName(me)}
                width={layout.inboxes}
                height={layout.bodyHeight}
                isFocused={state.focus === 'inboxes'}
                theme={theme}
              />
            ) : null}
            {layout.list > 0 && !(pickerPane && layout.conversation === 0) ? (
              <ConversationList
                title={title}
                view={state.view}
                counts={savedView ? null : (inbox?.counts ?? null)}
                rows={rows}
                total={viewRows.length}
                cursor={cursor}
                marks={state.marks}
                filter={state.filter}
                isFiltering={state.isFiltering}
                showsTabs={showsTabs}
                me={me}
                nameOf={nameOf}
                labels={labels}
                seen={seen}
                seenVersion={seenVersion}
                now={now}
                sla={slaPolicyOf}
                width={layout.list}
                height={layout.bodyHeight}
                isFocused={state.focus === 'list' || state.focus === 'inboxes' && layout.inboxes === 0}
                theme={theme}
                footer={isArchived ? history.note : null}
                emptyText={savedView ? `No conversations in “${savedView.view.name}”.` : inbox ? `No conversations in ${VIEW_TITLES[state.view]}.` : noInboxText(status.connection.kind, me)}
              />
            ) : null}
            {pickerPane ??
              (layout.conversation > 0 ? (
                <ConversationPane
                  row={shownRow}
                  detail={detail}
                  timeline={timeline}
                  inboxName={inboxName}
                  presence={presence}
                  availabilityOf={availabilityOf}
                  isOpen={state.openId !== null}
                  composer={state.composer}
                  candidates={candidates}
                  template={composerTemplate}
                  scroll={Math.min(state.scroll, maxScroll(timeline.length, timelinePage))}
                  nameOf={nameOf}
                  labels={labels}
                  me={me}
                  now={now}
                  width={layout.conversation}
                  height={layout.bodyHeight}
                  isFocused={state.focus === 'conversation'}
                  theme={theme}
                />
              ) : null)}
          </>
        )}
      </Box>
      <NoticeLine layout={noticeLines} tone={shownNotice?.tone ?? 'notice'} width={size.columns} theme={theme} />
      <StatusBar user={me ?? '…'} server={props.server} status={status} mode={mode} pane={state.focus} marked={marked.length} width={size.columns} theme={theme} />
    </Box>
  )
}
