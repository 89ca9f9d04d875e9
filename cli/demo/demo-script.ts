/**
 * What the demo's customers write and its agents answer: conversations of a
 * bike shop's week — deliveries, repairs, test rides, invoices — with the
 * details filled in at random (names, order numbers, bikes, days), so a few
 * hundred conversations read like real ones.
 */

export type Scenario = {
  readonly topic: 'support' | 'sales' | 'billing'
  readonly openings: readonly string[]
  readonly followUps: readonly string[]
  readonly replies: readonly string[]
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
      'Thanks for your patience, {first}. The parcel was mislabelled at the depot; we’ve sent a replacement by express, tracking to follow this afternoon.',
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
    followUps: ['Would {day} morning work?', 'I can drop it off before 9 if that helps', 'Also the rear brake squeals a bit, if you can check that too'],
    replies: [
      'Hi {first}! That sounds like the bottom bracket or a loose chainring bolt. We have a workshop slot on {day} at {time}, shall I book you in?',
      'Happy to help, {first}. A standard service is $89 and takes about a day. I’ve pencilled you in for {day}, drop it off any time after 8:30.',
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
    followUps: ['I have the receipt if you need it', 'It’s the 500Wh battery if that matters', 'Tried a different socket, same thing'],
    replies: [
      'Sorry to hear that, {first}. The battery is covered for two years; bring the bike and charger in and we’ll run a diagnostic, usually same day.',
      'Thanks {first}. E10 is usually a loose connector between battery and motor. Could you try reseating the battery firmly? If it persists we’ll swap it under warranty.',
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
    followUps: ['Happy to pay the difference', 'Thanks so much', 'If it has already shipped no worries'],
    replies: [
      'No problem, {first}. {order} hasn’t left the warehouse yet, so I’ve changed it for you. Same delivery date.',
      'Done! I’ve updated {order}. You’ll get a new confirmation email in a few minutes.',
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
    followUps: ['It’s unused, still in the box', 'Do I need to print a label?'],
    replies: [
      'Of course, {first}. You have 30 days for returns. I’ve emailed you a prepaid label; pop it in any drop-off point and we’ll refund you as soon as it arrives.',
      'Sure thing. You can return it in the shop or by post with the label I’ve just sent. Would you like to exchange it for another size instead?',
    ],
    notes: ['Return label sent.', '@{agent} customer asked about exchanging instead, can you follow up?'],
  },
  {
    topic: 'support',
    openings: [
      'Is the shop open on {day}? I want to pick up my bike from the workshop',
      'What time do you close today?',
      'Do you have parking near the shop? Coming to collect a bike with the car',
    ],
    followUps: ['Great, see you then', 'Thanks!'],
    replies: [
      'Hi {first}, we’re open 9–6 on weekdays and 10–4 on Saturday. Your bike is ready and waiting at the front desk.',
      'We close at 6 today. There’s a small car park behind the shop, entrance on Mill Lane.',
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
    followUps: ['Pretty disappointed tbh', 'Can someone call me back?', 'I’m at work until 5'],
    replies: [
      'I’m really sorry, {first}. That shouldn’t happen after a service. Bring it in any time and we’ll fix it free of charge, and I’ll make sure the mechanic checks everything again.',
      'Sorry about that {first}! It sounds like the thread wasn’t tightened properly. We’ll replace it at no cost, can you come by {day}?',
    ],
    notes: ['Service on this bike was done by the weekend crew, let’s review the checklist with them.', '@{agent} this one is upset, please call back before 5'],
  },
  {
    topic: 'support',
    openings: [
      'do you do kids bikes? my daughter is 7',
      'Hi, do you stock tubeless sealant? Which one would you recommend?',
      'Is the {bike} compatible with a child seat on the rear rack?',
    ],
    followUps: ['She’s about 125cm', 'Thanks, will pop in'],
    replies: [
      'We do! For a 7-year-old around 125cm a 24" wheel is usually right. We have a few in stock, come and try them in the shop.',
      'Yes, it’s rated for 27kg on the rack, so most child seats fit. We stock the Thule Yepp, which clicks straight on.',
    ],
    notes: [],
  },
  {
    topic: 'sales',
    openings: [
      'Hi, what’s the price of the {bike} in size L? And is it in stock?',
      'Could you send me a quote for two {bike}s with racks and lights?',
      'What’s your best price on the {bike}? Saw it cheaper online',
    ],
    followUps: ['Do you do finance?', 'Is there a discount if I buy two?', 'Can I test ride it first?'],
    replies: [
      'Hi {first}! The {bike} is $2,499 and we have size L in stock. We can also do 0% finance over 12 months. Fancy a test ride?',
      'Thanks for asking, {first}. I’ve put together a quote for two bikes with racks and lights: $4,890 including fitting. It’s valid for 14 days.',
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
      'Great to hear from you, {first}! We do fleet packages with servicing included. Could we book a call on {day} to go through numbers?',
      'Thanks {first}. For fleets we include quarterly servicing and a loan bike during repairs. I’ll send an overview and we can set up a demo day.',
    ],
    notes: ['Big one, 12 bikes. @{agent} loop in Sofia for the fleet pricing sheet', 'Demo day pencilled in for {day}.'],
  },
  {
    topic: 'sales',
    openings: [
      'Can I book a test ride for the {bike} this {day}?',
      'Hi! Wondering about the price difference between the {bike} and the Trailhead 3',
      'Is there a trade-in price for my old road bike if I buy a {bike}?',
    ],
    followUps: ['Around 11 would be ideal', 'It’s a 2018 Allez, good condition'],
    replies: [
      'Absolutely, {first}. I’ve booked you a test ride on {day} at {time}. Bring ID and wear comfy shoes!',
      'We do trade-ins! Bring it in and we’ll value it on the spot, usually 30–40% of the original price for a bike in good nick.',
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
    followUps: ['I can send a screenshot of my bank statement', 'It’s the card ending 4412', 'Please sort this quickly, it’s a lot of money'],
    replies: [
      'Sorry about that, {first}. I can see the duplicate payment for {order}; I’ve refunded it and it should be back on your card in 3–5 working days.',
      'Thanks for flagging, {first}. The difference is the delivery charge, but it should have been free on that order, so I’ve refunded ${amount}.',
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
    followUps: ['Company name is {company}', 'Thanks, got it!'],
    replies: [
      'Of course, {first}. I’ve emailed the invoice for {order} to the address on your account.',
      'No problem. I’ve reissued the invoice to {company} with the VAT number, it’s in your inbox now.',
    ],
    notes: [],
  },
  {
    topic: 'billing',
    openings: [
      'I returned a jacket 2 weeks ago and still haven’t had my refund',
      'When will my refund for order {order} come through?',
      'Hi, I cancelled order {order} but I haven’t seen a refund yet',
    ],
    followUps: ['The tracking says you received it on {day}', 'Any news?'],
    replies: [
      'Hi {first}, your return arrived on {day} and the refund of ${amount} went out this morning. Banks usually take 3–5 days to show it.',
      'Sorry for the wait, {first}. Your refund was stuck waiting for a quality check; I’ve pushed it through now.',
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
      'Sorry to see you go, {first}! You can end the lease with one month’s notice; I’ve started it, and we’ll arrange collection of the bike on your last day.',
      'Yes, we can pause it while the bike is in the workshop. I’ve paused next month’s payment for you.',
    ],
    notes: ['Lease L-{number} ends at month end, collection to be booked.'],
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
