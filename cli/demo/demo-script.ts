/**
 * What the demo's customers write and its agents answer: conversations of a
 * bike shop's week — deliveries, repairs, test rides, invoices — with the
 * details filled in at random (names, order numbers, bikes, days), so a few
 * hundred conversations read like real ones.
 *
 * Each conversation follows one scenario as a script, consumed in order and
 * never repeated: the customer opens with one of its openings and then says
 * its follow-ups in turn; the team gives its replies in turn and writes its
 * notes in turn. A reply answers what the customer said so far: replies[0]
 * answers the opening and followUps[0] (which reads well unanswered),
 * followUps[1] answers replies[0], and so on. When a part runs out, that
 * person goes quiet in that conversation.
 */

export type Scenario = {
  /** `vip`: the fleet customer who writes to the demo agent directly, never a new stranger. */
  readonly topic: 'support' | 'sales' | 'billing' | 'vip'
  readonly openings: readonly string[]
  readonly followUps: readonly string[]
  readonly replies: readonly string[]
  /** `{agent}` is the colleague a note mentions. */
  readonly notes: readonly string[]
}

export const SCENARIOS: readonly Scenario[] = [
  {
    topic: 'support',
    openings: [
      'Hi, my order {order} was supposed to arrive yesterday and tracking hasn’t moved since {day}. Any idea where it is?',
      'Hello! Still waiting on order {order}. The courier site just says “in transit” for three days now',
      'where is my order {order}?? need it before the weekend',
    ],
    followUps: ['Any update? Sorry to chase', 'The courier just told me it’s back at your warehouse?!', 'Ok it says out for delivery now 🙏'],
    replies: [
      'Hi {first}, sorry about that! I’ve checked with the courier: {order} was held at their depot and goes out on the next van. You should have it by {day}.',
      'So sorry, {first}: the parcel was mislabelled at the depot and sent back. We’ve sent a replacement by express, tracking to follow this afternoon.',
      'Great news! Enjoy the ride, and sorry again for the wait.',
    ],
    notes: ['Courier confirmed the depot delay, second case this week. @{agent} keep an eye on {order}', 'Escalated to the courier account manager.'],
  },
  {
    topic: 'support',
    openings: [
      'My {bike} makes a clicking noise when I pedal hard uphill. Is that something you can look at?',
      'Hi there, the gears on my {bike} keep slipping in the middle of the cassette. Can I book it in?',
      'Can I book a service for my {bike}? It’s been about a year',
    ],
    followUps: ['Would {day} morning work?', 'Yes please! I can drop it off before 9 if that helps', 'Also the rear brake squeals a bit, if you can check that too'],
    replies: [
      'Hi {first}! Happy to have a look. We have a workshop slot on {day} at {time}, shall I book you in?',
      'You’re booked in for {day}. Before 9 is fine: ring the bell at the workshop door on Mill Lane.',
      'Noted, the mechanic will check the rear brake too. A standard service is $89 and takes about a day.',
    ],
    notes: ['Workshop is full on Friday, only offer Mon–Thu slots.', '@{agent} can you confirm the parts are in stock before we promise {day}?'],
  },
  {
    topic: 'support',
    openings: [
      'The battery on my {bike} only lasts about 15km now, it used to do 60. Is it under warranty?',
      'My e-bike display shows error E10 and won’t turn on. Bought it in March.',
      'Hi, the charger for my {bike} has stopped working, the light just blinks red',
    ],
    followUps: ['I have the receipt if you need it', 'Can I keep riding it until then?', 'Ok, I’ll bring it in on {day}'],
    replies: [
      'Sorry to hear that, {first}. It’s covered for two years: bring the bike, the charger and the receipt in and we’ll run a diagnostic, usually the same day.',
      'Yes, ride it as normal meanwhile; just charge it indoors and not overnight.',
      'Perfect, see you on {day}. Ask for Marcus at the workshop desk.',
    ],
    notes: ['Battery warranty claim opened with the supplier, ref WC-{number}.', 'Known issue with this batch of chargers, we have replacements in the back.'],
  },
  {
    topic: 'support',
    openings: [
      'I ordered a size M frame but I think I need an L, I’m 185cm. Can I swap before it ships?',
      'Hi! Can I still change the colour on order {order}? Would prefer the green one',
      'Can I add a pair of mudguards to order {order} before it goes out?',
    ],
    followUps: ['If it has already shipped no worries', 'Thanks so much!'],
    replies: [
      'No problem, {first}. {order} hasn’t left the warehouse yet, so I’ve changed it for you. Same delivery date.',
      'You’re welcome! A new confirmation email is on its way.',
    ],
    notes: ['Changed the order in the shop system, no price difference.'],
  },
  {
    topic: 'support',
    openings: [
      'Hi, I’d like to return the helmet from order {order}, it’s too small. How does that work?',
      'The lights I bought don’t fit my handlebars. Can I send them back?',
      'I want to return the saddle, it’s really uncomfortable on longer rides',
    ],
    followUps: ['It’s unused, still in the box', 'Do I need to print the label?'],
    replies: [
      'Of course, {first}. You have 30 days for returns, and I’ve emailed you a prepaid label. Would you like to exchange it instead?',
      'Yes please: print it and tape it to the box. Any drop-off point takes it, and we refund you as soon as it arrives.',
    ],
    notes: ['Return label sent.', '@{agent} customer might exchange instead, can you follow up?'],
  },
  {
    topic: 'support',
    openings: [
      'Is the shop open on {day}? I want to pick up my bike from the workshop',
      'What time do you close today?',
      'Are you open on bank holidays?',
    ],
    followUps: ['Asking because I can only make it after work', 'Is there anywhere to park?', 'Great, see you then'],
    replies: [
      'Hi {first}, we’re open 9–6 on weekdays and 10–4 on Saturday, so any weekday before 6 works.',
      'Yes, there’s a small car park behind the shop, entrance on Mill Lane.',
    ],
    notes: [],
  },
  {
    topic: 'support',
    openings: [
      'I got a puncture 2 days after buying new tyres from you. Are they faulty?',
      'My chain snapped on the way to work this morning, bike was serviced by you last week',
      'The pedal came off my kid’s bike, it’s only a month old!',
    ],
    followUps: ['Pretty disappointed tbh', 'Can someone call me back? I’m at work until 5'],
    replies: [
      'I’m really sorry, {first}. That shouldn’t happen. Bring it in any time and we’ll fix it free of charge, and the mechanic will check everything again.',
      'Of course: our workshop lead will call you just after 5 today.',
    ],
    notes: ['Service on this bike was done by the weekend crew, let’s review the checklist with them.', '@{agent} this one is upset, please call back after 5'],
  },
  {
    topic: 'support',
    openings: [
      'do you do kids bikes? my daughter is 7',
      'Hi, do you stock tubeless sealant? Which one would you recommend?',
      'Is the {bike} compatible with a child seat on the rear rack?',
    ],
    followUps: ['Sorry, forgot to say: I’d like to pop in this week', 'Thanks, will do!'],
    replies: ['Good question, {first}! It’s best seen in person: come by any day this week and Lena on the shop floor will show you what fits.'],
    notes: [],
  },
  {
    topic: 'sales',
    openings: [
      'Hi, what’s the price of the {bike} in size L? And is it in stock?',
      'Could you send me a quote for two {bike}s with racks and lights?',
      'What’s your best price on the {bike}? Saw it cheaper online',
    ],
    followUps: ['Can I test ride it first?', 'Do you do finance?', 'Is there a discount if I buy two?'],
    replies: [
      'Hi {first}! The {bike} is $2,499 and in stock in every size. You can test ride it any day, it takes about 20 minutes.',
      'We do: 0% finance over 12 months, no deposit.',
      'Yes, 5% off both when you buy two. I can put a quote together for you.',
    ],
    notes: ['Offered the usual 5% multi-buy discount.', '@{agent} can we match the online price? Customer is keen'],
  },
  {
    topic: 'sales',
    openings: [
      'We’re a delivery company looking at a fleet of 12 cargo bikes. Can we talk about pricing and servicing?',
      'Hi, I manage facilities at an office of 200 people, interested in a fleet of pool bikes for staff',
      'Do you do fleet deals for cargo bikes? Bakery with 3 shops',
    ],
    followUps: ['We’d need them by spring', 'Could you come by and do a demo day?', 'Do you also handle the maintenance?'],
    replies: [
      'Great to hear from you, {first}! Spring works if we order this month. Could we book a call on {day} to go through numbers?',
      'Gladly. How about a demo day on {day}? We bring six bikes and a mechanic.',
      'Yes: fleets include quarterly servicing and a loan bike during repairs.',
    ],
    notes: ['Big one. @{agent} loop in Sofia for the fleet pricing sheet', 'Demo day pencilled in for {day}.'],
  },
  {
    topic: 'sales',
    openings: [
      'Can I book a test ride for the {bike} this {day}?',
      'Hi! Wondering about the price difference between the {bike} and the Trailhead 3',
      'Is there a trade-in price for my old road bike if I buy a {bike}?',
    ],
    followUps: ['I’m free most mornings', 'Great, see you then!'],
    replies: [
      'Absolutely, {first}. Come in on {day} at {time}: we’ll have a {bike} ready to ride and can talk prices and trade-in there.',
      'See you then! Bring ID and wear comfy shoes.',
    ],
    notes: [],
  },
  {
    topic: 'billing',
    openings: [
      'Hi, I was charged twice for order {order}. Can you check please?',
      'I think I’ve been charged the wrong amount, the invoice says ${amount} but the price on the site was less',
      'Why was I charged ${amount} this month? My plan is cheaper',
    ],
    followUps: ['Please sort this quickly, it’s a lot of money', 'It’s the card ending 4412', 'Thank you, that was quick'],
    replies: [
      'Sorry about that, {first}, I’m looking into it now. Which card did you pay with?',
      'Found it: I’ve refunded ${amount} to the card ending 4412, it should be back in 3–5 working days.',
    ],
    notes: ['Duplicate charge confirmed in the payment dashboard, refund issued.', '@{agent} payment provider had an outage on {day}, check for other double charges'],
  },
  {
    topic: 'billing',
    openings: [
      'Can you send me an invoice for order {order}? Need it for my expenses',
      'Could I get a VAT invoice made out to my company for the {bike}?',
      'Hi, I need a copy of the invoice for last month’s service',
    ],
    followUps: ['Company name is {company}, if that helps', 'Thanks, got it!'],
    replies: ['Of course, {first}. I’ve emailed the invoice, made out to {company}, to the address on your account.'],
    notes: [],
  },
  {
    topic: 'billing',
    openings: [
      'I returned a jacket 2 weeks ago and still haven’t had my refund',
      'When will my refund for order {order} come through?',
      'Hi, I cancelled order {order} but I haven’t seen a refund yet',
    ],
    followUps: ['The tracking says you received it on {day}', 'Still nothing on my statement'],
    replies: [
      'Hi {first}, it arrived on {day} and the refund of ${amount} went out this morning.',
      'Banks take 3–5 days to show it. If it isn’t there by Friday, write here and I’ll chase the payment provider.',
    ],
    notes: ['Returns desk is behind, 40 parcels waiting to be checked.', '@{agent} please check the returns log for {order}'],
  },
  {
    topic: 'billing',
    openings: [
      'How do I cancel my bike leasing subscription? Moving abroad next month',
      'Can I pause my leasing payments for a month? Bike is in the workshop anyway',
      'I’d like to switch my leasing plan to the cheaper one, is that possible?',
    ],
    followUps: ['The contract number is L-{number}', 'Do I need to bring the bike back?'],
    replies: [
      'Thanks, {first}: I’ve found lease L-{number} and made the change. The updated contract comes by email today.',
      'Only when a lease ends: then we collect the bike on your last day.',
    ],
    notes: ['Lease L-{number} changed, collection to be booked if it ends.'],
  },
  {
    topic: 'vip',
    openings: [
      'Hi Alex, it’s Ruth from Quayside Couriers. Three of our cargo bikes need their brakes checked before Monday, can the workshop fit them in?',
      'Morning Alex! Could you send over the quote for the two extra Cargo Pro bikes we talked about?',
      'Alex, one of the riders dropped a bike and bent the front wheel. Is there a loan bike we can use this week?',
    ],
    followUps: ['No rush, whenever you have a minute', 'Perfect, thanks Alex, you’re a star'],
    replies: ['Hi Ruth! Leave it with me, I’ll have an answer for you by lunchtime.', 'Any time, Ruth!'],
    notes: ['Ruth is our biggest fleet customer, same-day answers please.'],
  },
]

export const FIRST_NAMES = [
  'Jane', 'Omar', 'Mei', 'Lucas', 'Amara', 'Noah', 'Sara', 'Kenji', 'Fatima', 'Liam', 'Chloé', 'Mateo', 'Aisha', 'Jonas', 'Elif', 'Daniel',
  'Zoe', 'Ravi', 'Hannah', 'Diego', 'Nora', 'Samuel', 'Ingrid', 'Tariq', 'Olivia', 'Pedro', 'Yuki', 'Grace', 'Emeka', 'Freya', 'Hugo', 'Leila',
  'Ben', 'Anika', 'Marco', 'Isla', 'Kwame', 'Sophie', 'Arjun', 'Maya', 'Felix', 'Rosa', 'Ahmed', 'Lily', 'Tom', 'Eva', 'Jamal', 'Clara',
]

export const LAST_NAMES = [
  'Cooper', 'Haddad', 'Chen', 'Moreau', 'Okafor', 'Williams', 'Lindqvist', 'Tanaka', 'Rahman', 'Murphy', 'Dubois', 'García', 'Bello', 'Becker',
  'Yilmaz', 'Novak', 'Patel', 'Schmidt', 'Alvarez', 'Kowalski', 'Mensah', 'Andersen', 'Silva', 'Nakamura', 'Brown', "O'Neill", 'Costa', 'Singh',
  'Fischer', 'Ahmed', 'Kim', 'Jensen', 'Rossi', 'Evans', 'Hughes', 'Park',
]

export const BIKES = ['Commuter 7', 'Trailhead 5', 'Cargo Pro', 'Urban E+', 'Gravel GR2', 'Folding City', 'Roadster SL', 'Kids 24']
export const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
export const TIMES = ['9:30', '10:00', '11:15', '13:00', '14:30', '16:00']
export const COMPANIES = ['Brightside Ltd', 'Hollow Oak Bakery', 'Quayside Couriers', 'Fernwood Studio', 'Pixel & Co']

export type Random = () => number

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!
}

/** One customer of the demo: a name and the details their messages mention. */
export type DemoCustomer = { readonly first: string; readonly last: string; readonly vars: Readonly<Record<string, string>> }

export function newCustomer(random: Random): DemoCustomer {
  const first = pick(random, FIRST_NAMES)
  const last = pick(random, LAST_NAMES)
  return {
    first,
    last,
    vars: {
      first,
      order: `#NW-${40000 + Math.floor(random() * 9999)}`,
      bike: pick(random, BIKES),
      day: pick(random, DAYS),
      time: pick(random, TIMES),
      amount: `${19 + Math.floor(random() * 180)}.${pick(random, ['00', '50', '99', '95'])}`,
      number: String(1000 + Math.floor(random() * 8999)),
      company: pick(random, COMPANIES),
    },
  }
}

/** A line of the script with the customer's details (and `{agent}`) filled in. */
export function fill(template: string, customer: DemoCustomer, agent = 'alex'): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key === 'agent' ? agent : (customer.vars[key] ?? whole)))
}
