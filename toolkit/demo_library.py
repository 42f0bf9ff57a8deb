"""The starter toolkit library loaded by the demo data: written for this project, in plain
British English, for champions to read before a session or print and hand over."""


def _r(key, title, summary, body, resource_type, audiences, skill_areas, topics, **extra):
    return {
        "key": key,
        "title": title,
        "summary": summary,
        "body": body.strip(),
        "resource_type": resource_type,
        "audiences": audiences,
        "skill_areas": skill_areas,
        "topics": topics,
        "language": extra.get("language", "en"),
        "minutes": extra.get("minutes", 10),
        "external_url": extra.get("external_url", ""),
        "featured": extra.get("featured", False),
    }


C, P, L = "champions", "project_managers", "learners"

RESOURCES = [
    # --- staying safe ----------------------------------------------------------------------------
    _r(
        "spotting-scam-texts",
        "Spotting a scam text or email",
        "A one-page handout: the five signs of a scam message and what to do instead of clicking.",
        """
## Five signs of a scam
1. **It is urgent.** "Your account will be closed today."
2. **It wants you to click a link** or ring a number it gives you.
3. **It asks for a code, a password or bank details.** Your bank never will.
4. **The sender looks almost right**: a parcel company, HMRC, your bank, with odd spelling.
5. **It offers money you did not expect**: a refund, a prize, a rebate.

## What to do
- Do not click. Close the message.
- If you are worried, contact the company using the number on your card or their real website.
- Forward scam texts to **7726** (free). Forward scam emails to **report@phishing.gov.uk**.
- Told someone your bank details? Ring your bank on **159** straight away.

It is never your fault. Scammers are professionals; telling someone helps stop them.
""",
        "handout",
        [L, C],
        ["safe_and_legal"],
        ["scams", "email"],
        minutes=5,
        featured=True,
    ),
    _r(
        "scam-phone-calls",
        "Scam phone calls: a handout for learners",
        "What scam callers say, why they sound convincing, and the one thing to do: hang up "
        "and call back on a number you trust.",
        """
## Scam callers often say
- "This is your bank's fraud team. Your account is at risk."
- "Your computer has a virus. Let us connect to fix it."
- "You owe tax. Pay now or the police will come."

## The rule
**Hang up.** Wait five minutes, or use another phone, then ring the real number from your card,
a letter or the official website. A real bank, HMRC or the police will never ask you to move
money, buy vouchers or let them control your computer.

## If you have already paid
Ring your bank on **159** and report it to Action Fraud on **0300 123 2040**.
""",
        "handout",
        [L],
        ["safe_and_legal"],
        ["scams"],
        minutes=5,
    ),
    _r(
        "lesson-staying-safe-online",
        "Lesson plan: staying safe online (60 minutes)",
        "A group session on scams, passwords and safe Wi-Fi, with timings, activities and a "
        "printable quiz.",
        """
## Aim
Learners can spot a scam message, make a strong password and choose a safe Wi-Fi network.

## Timings
- **0–10 min** Welcome, and ask: "Has anyone had a strange text this week?"
- **10–25 min** Scam or real? Show six messages on cards; pairs sort them. Talk about the signs.
- **25–40 min** Passwords: three random words. Each learner makes one for a pretend account.
- **40–50 min** Wi-Fi: open and padlocked networks; why not to bank on café Wi-Fi.
- **50–60 min** Quiz, questions, and the "Spotting a scam" handout to take home.

## You will need
Printed message cards, the handout, a device per pair if you can.
""",
        "lesson_plan",
        [C],
        ["safe_and_legal", "foundation"],
        ["scams"],
        minutes=60,
        featured=True,
    ),
    _r(
        "strong-passwords-three-words",
        "Strong passwords with three random words",
        "How to help someone make a password they can remember and a computer cannot guess, "
        "and where to keep it.",
        """
## Three random words
Pick three words that mean something only to you and do not go together: *TeapotRiverBicycle*.
Add a number or symbol if the site asks.

## Keeping them
- Use a different password for email: it is the key to everything else.
- A password notebook kept at home is fine for many learners; better than one password for all.
- A phone's built-in password manager remembers them for you.

## Champion tip
Never type or write a learner's password for them. Look away while they type it.
""",
        "guide",
        [C, L],
        ["foundation", "safe_and_legal"],
        ["device_setup", "scams"],
        minutes=8,
    ),
    _r(
        "ncsc-cyber-aware",
        "Cyber Aware: six actions from the National Cyber Security Centre",
        "The government's short advice on passwords, two-step verification, updates and "
        "backups, for champions to share.",
        """
The National Cyber Security Centre's Cyber Aware pages give six plain actions for individuals and
families. Use them as a checklist at the end of a session on staying safe.
""",
        "link",
        [C, L],
        ["safe_and_legal"],
        ["scams"],
        minutes=10,
        external_url="https://www.ncsc.gov.uk/cyberaware/home",
    ),
    # --- foundation skills -----------------------------------------------------------------------
    _r(
        "first-session-new-device",
        "A first session with a new smartphone",
        "What to cover when someone has just been given a phone: switching on, charging, the "
        "home screen, and making a call.",
        """
## Start with what they want
Ask what they want the phone *for*: calling family, photos, the GP. Start there.

## Cover, in order
1. Switching on and off, and charging.
2. The home screen: tap, swipe, going back.
3. Making the text bigger (Settings → Display → Font size).
4. Making and answering a call.
5. Their own PIN, which only they know.

## Leave them with
One thing to practise before next time, written down in their words.
""",
        "guide",
        [C],
        ["foundation"],
        ["device_setup"],
        minutes=10,
        featured=True,
    ),
    _r(
        "connecting-to-wifi",
        "Connecting to Wi-Fi: a step-by-step handout",
        "Pictures-free steps for Android and iPhone, written to be read aloud or printed in "
        "large type.",
        """
## On an Android phone
1. Swipe down from the top of the screen.
2. Press and hold the Wi-Fi symbol.
3. Tap the name of the network.
4. Type the password carefully. Capital letters matter.
5. Tap **Connect**.

## On an iPhone
1. Open **Settings**, then **Wi-Fi**.
2. Tap the name of the network, type the password, tap **Join**.

## Which network?
Use your home network or one with a padlock. Ask staff for the password in a library or café.
""",
        "handout",
        [L],
        ["foundation"],
        ["device_setup"],
        minutes=5,
    ),
    _r(
        "accessibility-settings-phones",
        "Making a phone easier to see, hear and use",
        "A guide to the accessibility settings champions reach for most: text size, magnifier, "
        "read-aloud, captions and hearing aids.",
        """
## Seeing
- **Text size and bold text**: Settings → Display (Android) or Accessibility (iPhone).
- **Magnifier**: turns the camera into a magnifying glass for letters and labels.
- **Dark mode** helps some people with glare.

## Hearing
- **Live captions** for videos and calls.
- **Hearing aid pairing** under Bluetooth or Accessibility.

## Touch and movement
- **Touch and hold delay** and **ignore repeated touches** help with tremors.
- **Voice control**: "Hey Google" or "Hey Siri" to open apps and send messages.

Ask before changing anything, and show how to change it back.
""",
        "guide",
        [C],
        ["foundation"],
        ["accessibility", "device_setup"],
        minutes=12,
        featured=True,
    ),
    _r(
        "lesson-using-a-tablet",
        "Lesson plan: getting to know a tablet (45 minutes)",
        "A relaxed first group session for people who have never used a tablet, with loan devices.",
        """
## Aim
Everyone switches on a tablet, opens an app, and takes and looks at a photo.

## Timings
- **0–5 min** Welcome. Nobody needs to have used one before.
- **5–15 min** On, off, charging, volume. Everyone tries.
- **15–30 min** The home screen: tap, swipe, back. Open the camera; take a photo of the person
  next to you (with permission).
- **30–40 min** Find the photo; make it bigger with two fingers.
- **40–45 min** What would you like to do next time?

## Tips
One champion for every four learners. Tablets charged the day before.
""",
        "lesson_plan",
        [C],
        ["foundation"],
        ["device_setup"],
        minutes=45,
    ),
    _r(
        "browser-basics-video",
        "Video: finding a website with a browser",
        "A short video that shows typing a web address, searching, and telling an advert "
        "from a result.",
        """
Watch this together, pausing after each step so the learner can try it on their own device.
""",
        "video",
        [L, C],
        ["foundation", "handling_information"],
        ["other"],
        minutes=6,
        external_url="https://www.learnmyway.com/",
    ),
    # --- communicating ---------------------------------------------------------------------------
    _r(
        "setting-up-email",
        "Setting up a first email address",
        "Choosing a provider and an address, a password and recovery details, and sending a "
        "first email to the champion.",
        """
## Before you start
The learner needs a phone number or another way to get a code. Choose an address they will
remember: a name and a number, nothing embarrassing at a job interview.

## Steps
1. Go to the provider's sign-up page together.
2. The learner types their own name and chooses the address.
3. They make a password with three random words (see the password guide).
4. Add a recovery phone number: it rescues the account later.
5. Send a first email to yourself, and reply so they see one arrive.

## Afterwards
Write down the address (not the password) for them to keep.
""",
        "guide",
        [C],
        ["communicating"],
        ["email"],
        minutes=15,
    ),
    _r(
        "video-call-family",
        "Video calls with family: WhatsApp, FaceTime and Zoom",
        "A handout for making and answering video calls, with what to do when the sound or "
        "picture does not work.",
        """
## Answering
When the phone rings with a video call, tap the **green** button. Hold the phone at arm's length
so they see your face.

## Calling
Open WhatsApp, tap the person's name, then the **camera** symbol.

## If they cannot hear you
Check the microphone symbol has no line through it. Turn the volume up with the side buttons.

## If the picture freezes
Move closer to the Wi-Fi router, or end the call and ring again.
""",
        "handout",
        [L],
        ["communicating"],
        ["video_calls"],
        minutes=5,
    ),
    _r(
        "lesson-video-calls",
        "Lesson plan: your first video call (40 minutes)",
        "Pairs call each other across the room, then a champion's colleague outside, so "
        "everyone answers and makes a call.",
        """
## Timings
- **0–10 min** Why video calls: seeing grandchildren, GP appointments, job interviews.
- **10–25 min** In pairs, one person calls the other across the room. Swap.
- **25–35 min** Everyone answers a call from a colleague outside the room.
- **35–40 min** Troubleshooting: sound, camera, ending the call.

## Preparation
Install the app on loan devices and test the Wi-Fi. Ask a colleague to be on call.
""",
        "lesson_plan",
        [C],
        ["communicating"],
        ["video_calls"],
        minutes=40,
    ),
    _r(
        "social-media-safely",
        "Social media without the worry",
        "Helping someone join Facebook or a community group safely: privacy settings, what "
        "not to share, and blocking.",
        """
## Start small
Many people want one thing: the residents' group, the church, family photos. Join just that.

## Privacy settings to check together
- Who can see your posts: **Friends**.
- Who can find you by phone number: **Only me**.
- Location in posts: **off**.

## Never share
Your address, date of birth, holiday dates, or photos of bank cards and letters.

## If someone is unkind
Show how to block and report. It is not their fault, and it is fine to leave a group.
""",
        "guide",
        [C, L],
        ["communicating", "safe_and_legal"],
        ["social_media"],
        minutes=10,
    ),
    _r(
        "email-attachments-video",
        "Video: sending a photo or document by email",
        "How to attach a photo or a scanned letter to an email on a phone, step by step.",
        """
A useful follow-on once someone can send an email: many services now ask for a photo of a
letter or payslip. Watch, then practise by sending a photo of something harmless to yourself.
""",
        "video",
        [L],
        ["communicating", "handling_information"],
        ["email"],
        minutes=5,
        external_url="https://www.bbc.co.uk/guides/",
    ),
    # --- handling information --------------------------------------------------------------------
    _r(
        "job-search-online",
        "Searching for jobs online",
        "Using Find a Job and other job sites: searching, setting alerts, and spotting job "
        "scams that ask for money.",
        """
## Good places to start
The government's **Find a job** service, local council job pages, and big employers' own sites.

## Searching
Search by job title *and* postcode. Use the filters for hours and distance.

## Alerts
Set an email alert so new jobs come to you.

## Warning signs
A real employer never asks you to pay for training, a uniform or a DBS check before you start,
or to move money through your account.
""",
        "guide",
        [C, L],
        ["handling_information", "transacting"],
        ["job_search", "scams"],
        minutes=12,
    ),
    _r(
        "cv-template",
        "Template: a one-page CV",
        "An editable CV layout with prompts in each section, for champions to fill in with a "
        "learner.",
        """
# Your name
Phone · Email · Town

## About me
Two sentences: what you are good at and the work you want.

## Experience
**Job title**, Employer, Dates
- One thing you did, with a number if you can ("served 200 customers a day").

## Volunteering and caring
These count. Say what you did.

## Skills
Languages, driving licence, computer skills, first aid.

## Education and training
Most recent first.
""",
        "template",
        [C, L],
        ["handling_information"],
        ["job_search"],
        minutes=30,
    ),
    _r(
        "is-it-true-online",
        "Is it true? Checking what you read online",
        "A handout on checking news, health claims and offers: who wrote it, when, and what "
        "do others say.",
        """
## Three questions
1. **Who wrote it?** A known organisation, or a page you have never heard of?
2. **When?** Old news shared again can mislead.
3. **What do others say?** Search the claim and see if trusted sites agree.

## Health information
Use the NHS website. If a post says a cure "doctors don't want you to know", be wary.

## Photos and videos
They can be old, from somewhere else, or made up. Look for the original.
""",
        "handout",
        [L, C],
        ["handling_information", "problem_solving"],
        ["social_media", "other"],
        minutes=5,
    ),
    _r(
        "saving-photos-and-files",
        "Saving and finding photos and documents",
        "Where photos go on a phone, making folders, and backing up so nothing is lost when a "
        "phone breaks.",
        """
## Where things go
Photos go to the **Gallery** or **Photos** app. Downloads go to **Files** → Downloads.

## Tidy up
Make an album for things like "Letters" so a photo of a council letter is easy to find again.

## Back up
Turn on backup to the phone's cloud account, on Wi-Fi only. Check together that it worked.
""",
        "guide",
        [C, L],
        ["handling_information"],
        ["device_setup"],
        minutes=10,
    ),
    # --- transacting -----------------------------------------------------------------------------
    _r(
        "nhs-app-getting-started",
        "Getting started with the NHS App",
        "Setting up NHS login with ID, booking a GP appointment, ordering repeat prescriptions "
        "and seeing test results.",
        """
## You will need
Photo ID (passport or driving licence) for full access, an email address, and the phone.

## Setting up
1. Download the NHS App and tap **Continue**.
2. Create an NHS login with their email.
3. Prove who they are: photo of ID and a short face video. This can take a day.

## Most used
- **Appointments**: book or cancel at their GP practice (if the practice offers it).
- **Prescriptions**: order repeat medicines and choose a pharmacy.
- **Your health record**: test results and letters.

If the ID check fails, the GP surgery can give a linkage key instead.
""",
        "guide",
        [C, L],
        ["transacting"],
        ["nhs_app"],
        minutes=20,
        featured=True,
    ),
    _r(
        "nhs-app-official",
        "The NHS App: official help pages",
        "NHS England's own guidance on what the app does and how to get help with NHS login.",
        """
The official help pages answer most questions about NHS login and identity checks. Bookmark them
on loan devices.
""",
        "link",
        [C, L],
        ["transacting"],
        ["nhs_app"],
        minutes=5,
        external_url="https://www.nhs.uk/nhs-app/",
    ),
    _r(
        "universal-credit-journal",
        "Universal Credit online: the journal and to-do list",
        "Helping a claimant sign in, read and reply to journal messages, and complete to-dos, "
        "without doing it for them.",
        """
## Your role
You help them use the account. You never sign in as them, write their journal for them, or
keep their password.

## Signing in
Use the GOV.UK sign-in. If they are locked out, the helpline resets it.

## The journal
Read new messages together. Replies can be short: "Thank you, I will attend on Tuesday."

## To-dos
Open each one, read what it asks, and mark it done only when it is.

## Worried about a sanction or payment?
Signpost to Citizens Advice Help to Claim.
""",
        "guide",
        [C],
        ["transacting"],
        ["benefits"],
        minutes=15,
    ),
    _r(
        "help-to-claim",
        "Citizens Advice Help to Claim",
        "Free, confidential help to make a Universal Credit claim, by phone or online, in "
        "England, Scotland and Wales.",
        """
Signpost learners here when a claim needs advice beyond using the website: eligibility, evidence,
or a first payment that looks wrong. Record it as signposting to a service in the session log.
""",
        "link",
        [C, L],
        ["transacting"],
        ["benefits"],
        minutes=5,
        external_url="https://www.citizensadvice.org.uk/benefits/universal-credit/",
    ),
    _r(
        "online-banking-first-steps",
        "Online banking: first steps in the bank's app",
        "Downloading the right app, registering, checking a balance and paying a bill, with "
        "the safety rules at each step.",
        """
## The right app
Search the app store for the bank's exact name. Check the developer is the bank.

## Registering
The learner needs their card and account details. They choose their own passcode; you look away.

## First things
- Check the balance.
- Look at recent payments together.
- Pay a bill to someone already set up.

## Safety rules
The bank will never ring and ask for a code from the app. Log out on shared devices.
""",
        "guide",
        [C, L],
        ["transacting", "safe_and_legal"],
        ["online_banking"],
        minutes=20,
        featured=True,
    ),
    _r(
        "lesson-online-banking",
        "Lesson plan: online banking confidence (60 minutes)",
        "A group session using a practice banking app, so nobody uses a real account in the room.",
        """
## Aim
Learners know what the banking app can do and feel safe trying it at home.

## Timings
- **0–10 min** What worries people about online banking? Write it up.
- **10–30 min** Practice app: balance, payments, statements.
- **30–45 min** Scam or real? Bank messages on cards.
- **45–60 min** Answer the worries from the start; hand out the banking guide.

## Important
Use a practice app or the bank's demo. Never use anyone's real account in a group.
""",
        "lesson_plan",
        [C],
        ["transacting", "safe_and_legal"],
        ["online_banking", "scams"],
        minutes=60,
    ),
    _r(
        "shopping-online-safely",
        "Shopping online safely",
        "Checking a shop is real, paying safely, and what to do when an order does not arrive.",
        """
## Is the shop real?
Look for reviews elsewhere, a UK address and a phone number. Very low prices are a warning.

## Paying
Pay by card or a trusted payment service, never by bank transfer to a stranger.

## Delivery
Keep the order email. If nothing arrives, contact the shop, then your bank.
""",
        "handout",
        [L],
        ["transacting", "safe_and_legal"],
        ["online_shopping", "scams"],
        minutes=5,
    ),
    _r(
        "council-services-online",
        "Council services online: reporting, paying and applying",
        "Reporting a missed bin, paying council tax and applying for a blue badge on a "
        "council website.",
        """
## Find the right page
Search "[council name] report missed bin" rather than browsing the home page.

## Accounts
Many councils ask for an account. Use the learner's own email and write down the address.

## Paying
Council tax: have the account number from the bill ready.

## Applying
Blue badge and concessionary bus passes need a photo and proof of address: photograph the
documents first.
""",
        "guide",
        [C, L],
        ["transacting", "problem_solving"],
        ["other", "online_shopping"],
        minutes=15,
    ),
    # --- problem solving -------------------------------------------------------------------------
    _r(
        "when-it-goes-wrong",
        "When the technology goes wrong: a champion's checklist",
        "A calm order of things to try when a device or website is not working, before giving up.",
        """
1. **Breathe.** Say out loud what you expected and what happened.
2. **Read the message on the screen** together, word by word.
3. **Go back** one step and try again.
4. **Check the connection**: Wi-Fi symbol, mobile data.
5. **Close the app and open it again.**
6. **Restart the device.**
7. **Search the exact error message.**
8. **Ask the service's help line**, and note the reference they give.

Each time, let the learner do the tapping. Solving it themselves is the skill.
""",
        "guide",
        [C, L],
        ["problem_solving"],
        ["device_setup", "other"],
        minutes=5,
    ),
    _r(
        "finding-help-online",
        "Finding answers yourself: search, help pages and forums",
        "A handout that builds independence: how to search for a problem and judge whether an "
        "answer is trustworthy.",
        """
## Search well
Type the problem in plain words with the device name: "iPhone text too small".

## Prefer
The maker's own help pages, NHS, GOV.UK, your bank's website.

## Be careful of
Pages that want you to download something or ring a number to "fix" your device.
""",
        "handout",
        [L],
        ["problem_solving", "handling_information"],
        ["other"],
        minutes=5,
    ),
    _r(
        "lesson-solving-problems",
        "Lesson plan: solving problems online (50 minutes)",
        "Four realistic problems for pairs to solve with search and help pages, building "
        "confidence to carry on alone.",
        """
## The problems
1. The phone's text is too small.
2. The GP website asks you to "verify your email".
3. A parcel company says the delivery failed.
4. The bus timetable for next Sunday.

## Timings
- **0–10 min** Model one problem aloud, thinking through each step.
- **10–40 min** Pairs solve two problems each; champions prompt, never tap.
- **40–50 min** Each pair tells the room one thing that worked.
""",
        "lesson_plan",
        [C],
        ["problem_solving"],
        ["other"],
        minutes=50,
    ),
    # --- templates -------------------------------------------------------------------------------
    _r(
        "session-plan-template",
        "Template: planning a one-to-one session",
        "A half-page plan to fill in before a session: the learner's goal, what to cover, and "
        "what to leave them with.",
        """
## Learner (initials)
## What they want to be able to do

## Today we will
1.
2.
3.

## Confidence before (1–5):      after (1–5):
## One thing to practise before next time
## Follow-up date
""",
        "template",
        [C],
        ["foundation", "problem_solving"],
        ["other"],
        minutes=5,
    ),
    _r(
        "consent-script-template",
        "Template: asking for consent, in plain words",
        "A short script champions can read aloud before recording anything about a learner, "
        "with separate questions for contact and health information.",
        """
"We keep a short record of the help we give, so we can carry on next time and show our funders
that this works. We only need your first name or initials.

Is it all right to keep that record? (yes / no)

Would you like us to contact you about sessions? If so, we will keep your phone number or email.
(yes / no)

Some people tell us about a disability or health condition so we can make things easier. You do
not have to. Is it all right to record that? (yes / no)

You can change your mind at any time, and ask to see or delete what we hold."
""",
        "template",
        [C, P],
        ["safe_and_legal"],
        ["other"],
        minutes=3,
    ),
    _r(
        "poster-template",
        "Template: poster for a drop-in digital help session",
        "Poster wording for libraries, hubs and GP surgeries, with space for your day, time "
        "and place.",
        """
# Free help with phones, tablets and computers

Bring your device, your questions, or just a cup of tea.

- Getting online and staying safe
- Email, video calls and the NHS App
- Universal Credit and job searching

**Every [day], [time], at [place].** No booking, no question too small.

Ask for [name] or ring [number].
""",
        "template",
        [C, P],
        ["foundation"],
        ["other"],
        minutes=5,
    ),
    _r(
        "volunteer-role-description",
        "Template: volunteer Digital Champion role description",
        "A role description to adapt when recruiting volunteers: what they do, time, support "
        "and what they gain.",
        """
## What you will do
Help people, one to one or in small groups, to use devices and the internet with confidence.

## Time
Two to four hours a week, for at least three months.

## You will need
Patience and kindness. You do not need to be an expert.

## We will give you
Training, a named contact, expenses, and a reference.

## Safeguarding
A basic DBS check if you will work alone with adults at risk.
""",
        "template",
        [P],
        ["foundation"],
        ["other"],
        minutes=5,
    ),
    # --- case studies ----------------------------------------------------------------------------
    _r(
        "case-study-housing-hubs",
        "Case study: digital help in a housing association's community hubs",
        "How a housing association with 12 staff champions and 20 volunteers supported 640 "
        "tenants in a year, and cut missed rent payments.",
        """
## The programme
A northern housing association trained 12 tenancy staff and recruited 20 tenant volunteers as
champions. Help was offered at two community hubs and on home visits.

## In a year
- **640 tenants** supported, **1,900 hours** of help.
- **71%** felt more confident afterwards (before and after scores).
- Tenants paying rent online rose from 38% to 55%.

## What worked
Volunteers who were tenants themselves; a tablet loan scheme; linking sessions to the rent
account and Universal Credit.

## What they would change
Start recording confidence from day one: the first three months' impact was lost.
""",
        "case_study",
        [P, C],
        ["transacting", "foundation"],
        ["benefits", "online_banking"],
        minutes=8,
        featured=True,
    ),
    _r(
        "case-study-library-drop-ins",
        "Case study: weekly drop-ins across a library service",
        "A library service ran drop-ins at nine branches; the tally mode captured 3,000 "
        "contacts without slowing the queue.",
        """
## The programme
Library staff ran a two-hour drop-in at each of nine branches every week.

## Recording without slowing down
Staff used a quick tally at the end of each drop-in: how many people, which topics. Learners who
came back three times were offered one-to-one sessions, recorded in full.

## In a year
- **3,000** drop-in contacts, **420** one-to-one learners.
- The NHS App and scams were the most common topics.

## Lesson
A tally is enough for the busy hour; full records where there is a relationship.
""",
        "case_study",
        [P],
        ["handling_information", "transacting"],
        ["nhs_app", "scams"],
        minutes=6,
    ),
    _r(
        "case-study-nhs-trust",
        "Case study: patients and staff in an NHS trust",
        "A hospital trust's champions helped outpatients set up the NHS App and staff use the "
        "new rota system.",
        """
## Two audiences
Ward clerks and porters became champions for patients waiting in outpatients, and for colleagues
moving to an online rota and payslips.

## In six months
- **380 patients** set up the NHS App; **150 staff** helped with the rota app.
- Did-not-attend rates fell in the two clinics with regular champions.

## What made it work
Champion time written into job plans, not squeezed in.
""",
        "case_study",
        [P],
        ["transacting", "communicating"],
        ["nhs_app", "email"],
        minutes=6,
    ),
    # --- policies --------------------------------------------------------------------------------
    _r(
        "safeguarding-note",
        "Safeguarding: what every champion needs to know",
        "Recognising when someone may be at risk, what to do and not do, and who to tell, in "
        "one page.",
        """
## You might notice
Someone being pressured about money, a scam that keeps happening, signs of neglect, or a
learner who seems afraid of someone at home.

## Do
- Listen, stay calm, and believe them.
- Tell your safeguarding lead **the same day**.
- Write down what you saw and heard, in their words.

## Do not
- Promise to keep a secret.
- Investigate or confront anyone.

In an emergency ring **999**.
""",
        "policy",
        [C, P],
        ["safe_and_legal"],
        ["scams", "other"],
        minutes=5,
    ),
    _r(
        "data-protection-note",
        "Data protection for champions: the short version",
        "What we may record about learners, why, who sees it, and how to answer when a learner "
        "asks what we hold.",
        """
## Record only what is needed
A first name or initials is enough. Contact details and health information only with consent.

## Never
Write passwords, bank details or anything a learner tells you in confidence in the notes.

## If a learner asks
"What do you hold about me?" or "Please delete it": tell your project manager, who can export
or erase the record from the portal.

## Devices
Sign out of the portal on shared computers. Never photograph a learner's documents on your own
phone.
""",
        "policy",
        [C, P],
        ["safe_and_legal"],
        ["other"],
        minutes=5,
    ),
    _r(
        "device-lending-policy",
        "Policy template: lending tablets and data SIMs",
        "A lending policy to adapt: who can borrow, for how long, wiping devices between "
        "loans, and what happens if one is lost.",
        """
## Who can borrow
Learners working with a champion who have no suitable device at home.

## How long
Up to eight weeks, renewable once.

## Before each loan
Wipe the device, update it, and record the loan in the session log as *device lent*.

## Data
A data SIM from the national databank if the learner has no home internet.

## Lost or broken
We do not charge learners. Report it to the project manager.
""",
        "policy",
        [P],
        ["foundation"],
        ["device_setup"],
        minutes=8,
    ),
    # --- for project managers ------------------------------------------------------------------
    _r(
        "recruiting-volunteers",
        "Recruiting and keeping volunteer champions",
        "Where to find volunteers, how to induct them, and what keeps them coming back after "
        "the first month.",
        """
## Where to look
Past learners, tenants' groups, retired staff, student volunteering offices.

## A good first month
A welcome, the induction pathway in the toolkit, shadowing two sessions, and a named contact.

## What keeps them
Seeing their impact (share the figures), flexibility, a thank-you that is specific, and other
champions to talk to.
""",
        "guide",
        [P],
        ["problem_solving"],
        ["other"],
        minutes=10,
    ),
    _r(
        "reporting-to-your-board",
        "Reporting impact to your board or funder",
        "Turning the dashboard into a one-page story: the headline figures, one learner's "
        "journey, and what you will do next.",
        """
## Lead with people
"Between April and September, 14 champions gave 312 hours of help to 205 people."

## Then change
Confidence before and after, learners who came back, skills gained (distance travelled).

## One story
A short, consented case study says what numbers cannot.

## What next
What you will do with more (or less) resource. Funders fund plans.

The portal's board-ready report does the first two for you; add the story and the plan.
""",
        "guide",
        [P],
        ["handling_information"],
        ["other"],
        minutes=10,
        featured=True,
    ),
    _r(
        "measuring-confidence",
        "Measuring confidence and distance travelled",
        "Why before-and-after confidence scores and self-assessments persuade funders, and how "
        "to ask for them without making sessions feel like a test.",
        """
## Ask lightly
"On a scale of 1 to 5, how confident do you feel about this today?" at the start and end.

## Self-assessments
At first contact and every few months, against the Essential Digital Skills areas. The dashboard
shows the change.

## Be honest
Some learners' confidence dips when they realise how much there is to learn. That is progress
too; say so in reports.
""",
        "guide",
        [P, C],
        ["problem_solving", "handling_information"],
        ["other"],
        minutes=8,
    ),
    # --- other languages -------------------------------------------------------------------------
    _r(
        "welsh-scam-handout",
        "Adnabod neges sgam",
        "Taflen Gymraeg: arwyddion neges destun neu e-bost sgam, a beth i'w wneud.",
        """
## Arwyddion sgam
1. Mae'n dweud bod angen gweithredu **ar frys**.
2. Mae'n gofyn i chi glicio ar ddolen.
3. Mae'n gofyn am god, cyfrinair neu fanylion banc.

## Beth i'w wneud
- Peidiwch â chlicio.
- Anfonwch negeseuon testun sgam ymlaen i **7726**.
- Os ydych wedi rhoi manylion banc, ffoniwch eich banc ar **159**.
""",
        "handout",
        [L],
        ["safe_and_legal"],
        ["scams"],
        language="cy",
        minutes=5,
    ),
    _r(
        "welsh-nhs-app",
        "Dechrau gydag Ap y GIG",
        "Canllaw Cymraeg byr: creu NHS login, archebu presgripsiwn a gweld apwyntiadau.",
        """
## Bydd angen
Dogfen adnabod gyda llun, cyfeiriad e-bost, a'r ffôn.

## Camau
1. Lawrlwythwch Ap y GIG.
2. Crëwch NHS login gyda'ch e-bost.
3. Profwch pwy ydych chi gyda llun o'ch dogfen adnabod.

Os nad yw hyn yn gweithio, gall eich meddygfa roi allwedd gysylltu i chi.
""",
        "guide",
        [L, C],
        ["transacting"],
        ["nhs_app"],
        language="cy",
        minutes=10,
    ),
    _r(
        "polish-video-calls",
        "Rozmowy wideo z rodziną",
        "Ulotka po polsku: jak odebrać i wykonać rozmowę wideo w WhatsAppie.",
        """
## Odbieranie
Gdy dzwoni rozmowa wideo, dotknij **zielonego** przycisku.

## Dzwonienie
Otwórz WhatsApp, wybierz osobę i dotknij ikony **kamery**.

## Gdy nie słychać dźwięku
Sprawdź, czy mikrofon nie jest przekreślony, i zwiększ głośność.
""",
        "handout",
        [L],
        ["communicating"],
        ["video_calls"],
        language="pl",
        minutes=5,
    ),
    _r(
        "urdu-online-shopping-video",
        "آن لائن خریداری محفوظ طریقے سے",
        "Urdu-language video on checking a shop is genuine and paying safely online.",
        """
A short video with Urdu narration and English subtitles, useful for learners more confident in
Urdu. Watch it together and pause to try each step.
""",
        "video",
        [L],
        ["transacting", "safe_and_legal"],
        ["online_shopping"],
        language="ur",
        minutes=7,
        external_url="https://www.youtube.com/",
    ),
    _r(
        "accessibility-video",
        "Video: magnifier and read-aloud on a phone",
        "A short video showing the magnifier and screen reading features for learners with "
        "sight loss.",
        """
Show this before changing settings on someone's phone, so they know what each feature does and
can choose.
""",
        "video",
        [C, L],
        ["foundation"],
        ["accessibility"],
        minutes=4,
        external_url="https://www.rnib.org.uk/",
    ),
    _r(
        "abilitynet-link",
        "AbilityNet: free help with technology for disabled people",
        "Free factsheets and volunteer home visits for older and disabled people, and "
        '"My Computer My Way" guides.',
        """
Signpost learners whose access needs go beyond what you can set up in a session. Record it as
signposting to a service.
""",
        "link",
        [C, P],
        ["foundation", "problem_solving"],
        ["accessibility"],
        minutes=5,
        external_url="https://abilitynet.org.uk/",
    ),
]

COLLECTIONS = [
    {
        "key": "new-champion-induction",
        "title": "New champion induction",
        "summary": "Everything a new Digital Champion needs before their first session, in "
        "order. About an hour in all.",
        "is_pathway": True,
        "badge_name": "Inducted champion",
        "featured": True,
        "steps": [
            "safeguarding-note",
            "data-protection-note",
            "consent-script-template",
            "first-session-new-device",
            "when-it-goes-wrong",
            "session-plan-template",
        ],
    },
    {
        "key": "accessibility-need",
        "title": "Helping someone with an accessibility need",
        "summary": "Settings, features and services for learners with sight, hearing, movement "
        "or memory needs.",
        "is_pathway": True,
        "badge_name": "Accessibility aware",
        "featured": True,
        "steps": [
            "accessibility-settings-phones",
            "accessibility-video",
            "abilitynet-link",
            "connecting-to-wifi",
            "first-session-new-device",
        ],
    },
    {
        "key": "staying-safe-pathway",
        "title": "Staying safe online",
        "summary": "Be ready to help anyone with scams, passwords and safe browsing.",
        "is_pathway": True,
        "badge_name": "Scam buster",
        "featured": False,
        "steps": [
            "spotting-scam-texts",
            "scam-phone-calls",
            "strong-passwords-three-words",
            "ncsc-cyber-aware",
            "lesson-staying-safe-online",
        ],
    },
    {
        "key": "running-a-group-session",
        "title": "Running a group session",
        "summary": "Lesson plans and handouts that work well with groups of four to ten.",
        "is_pathway": False,
        "badge_name": "",
        "featured": False,
        "steps": [
            "lesson-using-a-tablet",
            "lesson-video-calls",
            "lesson-online-banking",
            "lesson-solving-problems",
            "poster-template",
        ],
    },
    {
        "key": "for-project-managers",
        "title": "For project managers: running a programme",
        "summary": "Recruiting champions, lending devices, and showing your impact.",
        "is_pathway": False,
        "badge_name": "",
        "featured": False,
        "steps": [
            "recruiting-volunteers",
            "volunteer-role-description",
            "device-lending-policy",
            "measuring-confidence",
            "reporting-to-your-board",
            "case-study-housing-hubs",
        ],
    },
]
