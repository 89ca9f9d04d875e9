/** How many new chat visitors one client address (an IPv4 address, an IPv6 /64) may start a minute; `huddle serve --chat-visitors-per-minute` sets it. */
export const DEFAULT_VISITORS_PER_MINUTE = 20
