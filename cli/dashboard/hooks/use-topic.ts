/**
 * The latest value of one of the client's batched subscriptions (`none`
 * without a topic). The first render (and the first after the topic changes)
 * reads the value at once, so no frame shows the previous topic's value or
 * nothing; later values ask the frame scheduler for a redraw, shared with
 * every other topic that changed.
 */
import { useEffect, useRef } from 'react'
import { topicKey, type ClientTopic, type TopicValue } from '../../client/client-topic.js'
import type { DashboardSource } from '../dashboard-source.js'

type Source = Pick<DashboardSource, 'read' | 'subscribe'>

export function useTopic<T extends ClientTopic>(source: Source, topic: T, requestFrame: () => void): TopicValue<T>
export function useTopic<T extends ClientTopic, None>(source: Source, topic: T | null, requestFrame: () => void, none: None): TopicValue<T> | None
export function useTopic<T extends ClientTopic, None>(source: Source, topic: T | null, requestFrame: () => void, none?: None): TopicValue<T> | None | undefined {
  const key = topic === null ? '' : topicKey(topic)
  const latest = useRef<{ key: string; value: TopicValue<T> | None | undefined } | null>(null)
  if (latest.current === null || latest.current.key !== key) latest.current = { key, value: topic === null ? none : source.read(topic) }
  useEffect(() => {
    if (topic === null) return
    return source.subscribe(topic, (value) => {
      if (latest.current?.key !== key) return
      latest.current = { key, value }
      requestFrame()
    })
  }, [key])
  return latest.current.value
}
