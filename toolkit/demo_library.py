"""The starter toolkit library loaded by the demo data: written for this project."""

RESOURCES = [
    {
        "key": "spotting-scam-texts",
        "title": "Spotting a scam text or email",
        "summary": (
            "A one-page handout to print: the five signs of a scam message, and what to do instead"
            " of clicking."
        ),
        "body": """## Five signs of a scam
1. **It is in a hurry.** "Your account will be closed today" or "Pay within 24 hours". Scammers
   rush you so that you do not stop to think.
2. **It wants you to click a link** or ring a number it gives you.
3. **It asks for a code, a password or bank details.** Your bank, HMRC and the NHS will never
   ask for these by text or email.
4. **The sender looks almost right.** A parcel company, your bank or a government department,
   but with odd spelling, a strange email address or an ordinary mobile number.
5. **It offers money you did not expect**: a tax refund, a prize, a cheap deal or an energy
   rebate.

Scam messages also arrive on WhatsApp, Facebook and other social media, sometimes from a friend
whose account has been taken over. "Hi Mum, this is my new number" is a common one.

## What to do
- Do not click, reply or ring the number in the message. Close it.
- If you are worried it might be real, contact the company yourself, using the number on your
  card, on a letter or on their official website.
- Forward scam texts to **7726**. It is free.
- Forward scam emails to **report@phishing.gov.uk**.
- Then delete the message.

## If you have already clicked or replied
If you gave any bank details, ring your bank on **159** straight away. If you typed in a
password, change it.

It is never your fault. Scammers are professionals and they fool careful people every day.
Telling someone helps to stop them.""",
        "resource_type": "handout",
        "audiences": ["learners", "champions"],
        "skill_areas": ["safe_and_legal"],
        "topics": ["scams", "email", "social_media"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": True,
    },
    {
        "key": "scam-phone-calls",
        "title": "Scam phone calls: a handout for learners",
        "summary": (
            "What scam callers say, why they sound convincing, and the one thing to do: hang up "
            "and call back on a number you trust."
        ),
        "body": """## Scam callers often say
- "This is your bank's fraud team. Your account is at risk and you need to move your money to a
  safe account."
- "This is your broadband company. Your computer has a virus. Let us connect to it and fix it."
- "This is HMRC. You owe tax and the police will come today unless you pay."
- "This is the police. We need your help to catch a dishonest bank worker."

## Why they sound convincing
They may know your name, your address or the name of your bank. The number on your screen can be
faked to look like your bank's real number. They sound calm, official and kind, or they frighten
you so that you act fast.

## The rule: hang up
**Hang up.** You can always hang up, even on someone polite. Then:

1. Wait five minutes, or use a different phone, because some scammers keep the line open.
2. Ring the real number from the back of your card, a letter or the official website.
3. Ask them whether the call was real.

## What real organisations never do
A real bank, HMRC or the police will **never** ask you to move money to a "safe account", buy
gift cards or vouchers, read out a code sent to your phone, or let them control your computer.

## If you have already paid or shared details
- Ring your bank on **159**.
- Report it to Action Fraud on **0300 123 2040**.
- Tell someone you trust. You have done nothing wrong.""",
        "resource_type": "handout",
        "audiences": ["learners"],
        "skill_areas": ["safe_and_legal"],
        "topics": ["scams"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "lesson-staying-safe-online",
        "title": "Lesson plan: staying safe online (60 minutes)",
        "summary": (
            "A group session on scams, passwords and safe Wi-Fi, with timings, activities and a "
            "take-home handout."
        ),
        "body": """## Aim
By the end, learners can spot the signs of a scam message, make a strong password with three
random words, and choose a safe Wi-Fi network.

## Group size and preparation
Four to ten learners, with one champion for every four or five. Print six example messages on
cards (three scams and three real ones: a GP reminder, a delivery notice, a bank alert), the
"Spotting a scam text or email" handout and a five-question quiz. A device for each pair helps
but is not essential.

## Timings
- **0–10 min** Welcome and tea. Ask: "Has anyone had a strange text or call this week?" Let
  people share; most will have a story.
- **10–25 min** *Scam or real?* Pairs sort the six cards into two piles. Go through each one and
  draw out the five signs: hurry, links, asking for codes, an almost-right sender, money you did
  not expect.
- **25–40 min** *Passwords.* Explain three random words. Each learner makes one for a pretend
  account, writes it on paper, then tears the paper up. Talk about giving email its own
  password.
- **40–50 min** *Wi-Fi.* Show open and padlocked networks on a device. Explain why not to bank
  on café Wi-Fi, and that mobile data is safer.
- **50–60 min** Quiz in pairs, questions, and the handout to take home.

## Afterwards
Log it as a group session in the portal, with "Being safe and legal online" as the skill area.
If anyone mentioned losing money, follow up privately, using the safeguarding note.""",
        "resource_type": "lesson_plan",
        "audiences": ["champions"],
        "skill_areas": ["safe_and_legal", "foundation"],
        "topics": ["scams"],
        "language": "en",
        "minutes": 60,
        "external_url": "",
        "featured": True,
    },
    {
        "key": "strong-passwords-three-words",
        "title": "Strong passwords with three random words",
        "summary": (
            "How to help someone make a password they can remember and a computer cannot guess, "
            "and where to keep it."
        ),
        "body": """## Why it matters
Most accounts that are broken into have a short password, or the same password as another
account whose details were leaked. A long password that is used only once is far harder to
break.

## Three random words
Pick three words that mean something only to you and do not normally go together:
*TeapotRiverBicycle* or *PurpleOtterSunday*. Avoid the names of pets, children and football
teams, and birthdays, which are easy to find on social media. Add a number or symbol if a
website insists: *TeapotRiverBicycle7!*

## Email first
The email password is the key to everything else, because every "forgot your password?" link
goes to email. Give email its own strong password that is never used anywhere else.

## Two-step verification
Turn it on for email, banking and social media. After the password, a code is sent to the phone.
Even if someone learns the password, they cannot get in without the phone.

## Keeping them
- A phone's built-in password manager can remember passwords safely.
- A password notebook kept safely at home is fine for many learners, and far better than one
  password for everything. Keep it away from the device and do not label it "passwords".
- Never keep passwords in a note on the phone or in an email to yourself.

## Champion tip
Never type, write down or keep a learner's password. Look away while they type it, and say so:
it shows them what good practice looks like.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["foundation", "safe_and_legal"],
        "topics": ["device_setup", "scams"],
        "language": "en",
        "minutes": 8,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "ncsc-cyber-aware",
        "title": "Cyber Aware: six actions from the National Cyber Security Centre",
        "summary": (
            "The government's short advice on passwords, two-step verification, updates and "
            "backups, for champions to share."
        ),
        "body": """The National Cyber Security Centre (NCSC) is part of GCHQ, and its **Cyber
Aware** pages are the government's own advice for individuals and families. They
are short, free of jargon and updated when the advice changes, which makes them a
trustworthy place to send learners after a session.

## The six actions
1. Use a strong and separate password for your email.
2. Create strong passwords using three random words.
3. Save your passwords in your browser.
4. Turn on two-step verification.
5. Update your devices.
6. Back up your data.

## Using it in a session
- Use the six actions as a checklist at the end of a session on staying safe: tick off together
  what the learner has done today, and pick one to do next time.
- Open the page on the learner's own phone and add it to their home screen, so they can find it
  again.
- The site also explains how to report a scam email, text or website, which backs up what the
  scam handouts say.

## A note for champions
Some learners are anxious about security and try to do everything at once. One action done well,
usually a strong email password, makes a good session. Come back to the list next time.""",
        "resource_type": "link",
        "audiences": ["champions", "learners"],
        "skill_areas": ["safe_and_legal"],
        "topics": ["scams", "device_setup"],
        "language": "en",
        "minutes": 10,
        "external_url": "https://www.ncsc.gov.uk/cyberaware/home",
        "featured": False,
    },
    {
        "key": "first-session-new-device",
        "title": "A first session with a new smartphone",
        "summary": (
            "What to cover when someone has just been given a phone: switching on, charging, the "
            "home screen, and making a call."
        ),
        "body": """## Start with what they want
Before touching the phone, ask what they want it *for*: calling family, photos of the
grandchildren, ordering a prescription, looking for work. Start there, and the rest makes sense.
Someone given a phone by a relative may feel they ought to know more than they do; tell them
nobody starts out knowing this.

## Cover, in this order
1. **Switching on and off**, and charging: which button, how long to hold it, where the cable
   goes.
2. **The home screen**: tap, swipe, and how to go back. Let them practise until it feels boring.
3. **Making the text bigger**, if it helps: Settings, then Display, then Font size
   (Accessibility on an iPhone).
4. **Making and answering a call**, to you across the room.
5. **Their own PIN or passcode**, chosen by them, which only they know. Look away while they set
   it.
6. **Wi-Fi at home**, if they have it, using the Wi-Fi handout.

## Go slowly
Let the learner hold the phone and do the tapping, every time. If you need to show something,
use your own device alongside theirs. Stop before they are tired: twenty to forty minutes is
plenty for a first session.

## Leave them with
One thing to practise before next time, written in their own words on paper they keep by the
phone, and a time for your next session. Log the session and the confidence scores before you
leave.""",
        "resource_type": "guide",
        "audiences": ["champions"],
        "skill_areas": ["foundation"],
        "topics": ["device_setup"],
        "language": "en",
        "minutes": 10,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "connecting-to-wifi",
        "title": "Connecting to Wi-Fi: a step-by-step handout",
        "summary": (
            "Steps for Android and iPhone with no pictures needed, written to be read aloud or "
            "printed in large type."
        ),
        "body": """## Before you start
You need the name of the Wi-Fi network and its password. At home, these are usually printed on a
sticker on the back or bottom of your router, the box with the lights. In a library, café or
community centre, ask the staff.

## On an Android phone
1. Swipe down from the top of the screen.
2. Press and hold the Wi-Fi symbol (it looks like a fan).
3. Tap the name of the network.
4. Type the password carefully. Capital letters matter.
5. Tap **Connect**.

## On an iPhone or iPad
1. Open **Settings**, then tap **Wi-Fi**.
2. Check the switch at the top is green.
3. Tap the name of the network.
4. Type the password, then tap **Join**.

When it works, the Wi-Fi symbol appears at the top of the screen. Your phone remembers the
network and joins it by itself next time.

## Which network is safe?
- Your home network, with a password, is the safest.
- Networks with no password (no padlock) are open to anyone. They are fine for the news or the
  bus times, but do not use them for banking or shopping. Use your mobile data instead.

## If it will not connect
- Check the password again, letter by letter.
- Turn the Wi-Fi off and on again.
- Restart the router: switch it off at the wall, wait one minute, switch it on, then wait five
  minutes.""",
        "resource_type": "handout",
        "audiences": ["learners", "champions"],
        "skill_areas": ["foundation"],
        "topics": ["device_setup"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "accessibility-settings-phones",
        "title": "Making a phone easier to see, hear and use",
        "summary": (
            "A guide to the accessibility settings champions reach for most: text size, magnifier,"
            " read-aloud, captions and hearing aids."
        ),
        "body": """## Before you change anything
Ask what is difficult, not what condition someone has: "Is the writing big enough?" works better
than "Do you have sight loss?" Change one thing at a time, let them try it, and show how to
change it back. Write down what you changed.

## Seeing
- **Text size and bold text**: Settings, then Display (Android), or Settings, then
  Accessibility, then Display & Text Size (iPhone).
- **Magnifier**: turns the camera into a magnifying glass for letters, labels and medicine
  boxes.
- **Dark mode or colour filters** help some people with glare or colour blindness.
- **Read aloud**: Select to Speak (Android) and Speak Screen (iPhone) are gentle places to
  start. TalkBack and VoiceOver read everything, but change how every tap works; only turn them
  on with someone who wants to learn them, and practise turning them off first.

## Hearing
- **Live captions** show the words spoken in videos and calls.
- **Hearing aid pairing**: many hearing aids connect by Bluetooth, so calls go straight to the
  ear.
- **Flash for alerts** makes the camera light flash when a message arrives.

## Touch and movement
- **Touch and hold delay** and **ignore repeated touches** help people with a tremor.
- **Voice control**: "Hey Google" or Siri can open apps, make calls and send messages.
- A stylus or a phone stand can make a big difference and costs little.

## Memory and concentration
Simplify the home screen to four or five apps. Some phones have a simple or easy mode built in.""",
        "resource_type": "guide",
        "audiences": ["champions"],
        "skill_areas": ["foundation"],
        "topics": ["accessibility", "device_setup"],
        "language": "en",
        "minutes": 12,
        "external_url": "",
        "featured": True,
    },
    {
        "key": "lesson-using-a-tablet",
        "title": "Lesson plan: getting to know a tablet (45 minutes)",
        "summary": (
            "A relaxed first group session for people who have never used a tablet, with loan "
            "devices."
        ),
        "body": """## Aim
Everyone switches on a tablet, opens an app, takes a photo and finds it again, and leaves
wanting to come back.

## Who it is for
People who have never used a tablet or smartphone, or who "have one in a drawer". Four to eight
learners, with one champion for every four.

## You will need
A charged loan tablet for each learner (charge them the day before), the Wi-Fi password written
up large, name labels, and tea.

## Timings
- **0–5 min** Welcome. Say clearly that nobody needs to have used one before, and that nothing
  they press today can break it.
- **5–15 min** On, off, charging and volume. Everyone tries each one, twice.
- **15–30 min** The home screen: tap, swipe and back. Open the camera and take a photo of the
  person next to you (with their permission) or of something on the table.
- **30–40 min** Find the photo in the Photos or Gallery app. Make it bigger and smaller with two
  fingers. Delete one you do not like.
- **40–45 min** Go round the room: what would you like to do with a tablet? Note the answers;
  they are next week's plan.

## Tips
- Champions point and prompt, but do not take the tablet from the learner.
- Expect the first ten minutes to be slow; the pace picks up by the end.
- Record who borrowed a tablet, and log a group session with the number who came.""",
        "resource_type": "lesson_plan",
        "audiences": ["champions"],
        "skill_areas": ["foundation"],
        "topics": ["device_setup"],
        "language": "en",
        "minutes": 45,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "browser-basics-video",
        "title": "Video: finding a website with a browser",
        "summary": (
            "A short video that shows typing a web address, searching, and telling an advert from "
            "a result."
        ),
        "body": """This short video on Learn My Way, the free learning website run by Good Things
Foundation, shows how to open a web browser, type a web address and search for
something. It is a good next step for someone who can use a few apps on their
phone but has never "gone on the internet" on purpose.

## What it covers
- What a web browser is: Chrome, Safari, Edge or Samsung Internet.
- The difference between the address bar and a search, and why both usually work.
- Reading a page of search results, and telling the **sponsored** adverts at the top from the
  ordinary results.
- Going back, and finding a website again later.

## Using it in a session
1. Watch it together, with the sound up or the captions on.
2. Pause after each step and let the learner try it on their own device.
3. Pick a search that matters to them: the bus times, the library's opening hours, a recipe.
4. Finish by adding a favourite website to the home screen.

## Things to watch for
Learners often tap the first result, which is usually an advert: point out the word "Sponsored".
Searches for official services, such as a passport or a driving licence, can lead to copycat
websites that charge a fee; the real ones end in **gov.uk**.

Learn My Way lets learners make a free account to track their progress, but they do not need one
to watch.""",
        "resource_type": "video",
        "audiences": ["learners", "champions"],
        "skill_areas": ["foundation", "handling_information"],
        "topics": ["other"],
        "language": "en",
        "minutes": 6,
        "external_url": "https://www.learnmyway.com/",
        "featured": False,
    },
    {
        "key": "setting-up-email",
        "title": "Setting up a first email address",
        "summary": (
            "Choosing a provider and an address, a password and recovery details, and sending a "
            "first email to the champion."
        ),
        "body": """## Before you start
Check the learner has a mobile phone number or another way to receive a code, because most
providers ask for one. Ask what they want email for: a job application, a council account,
photos from family. It helps them choose the address.

## Choosing an address
Something they will remember and would be happy to give at a job interview: their name, perhaps
with a number. Avoid nicknames, and birth years if they are worried about privacy. Gmail,
Outlook and Yahoo are all free; the account that comes with their phone (Google on Android,
Apple on iPhone) often makes things simpler later.

## Steps
1. Go to the provider's sign-up page together, on the learner's own device if they have one.
2. The learner types their own name and chooses the address.
3. They make a password with three random words (see the password guide) and type it themselves.
4. Add a recovery phone number or email address: it rescues the account if they forget the
   password.
5. Send a first email to yourself, with a subject line, and reply so they see one arrive.

## Afterwards
Write the email address (never the password) on paper for them to keep. Show them where new
emails appear and how to open one. Next time, practise replying and attaching a photo.

## Be careful
Do not use your own phone number for their recovery details, and never create an account in
someone's name without them there.""",
        "resource_type": "guide",
        "audiences": ["champions"],
        "skill_areas": ["communicating"],
        "topics": ["email"],
        "language": "en",
        "minutes": 15,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "video-call-family",
        "title": "Video calls with family: WhatsApp, FaceTime and Zoom",
        "summary": (
            "A handout for making and answering video calls, with what to do when the sound or "
            "picture does not work."
        ),
        "body": """## Before the call
- Charge your phone or tablet, or plug it in.
- Connect to Wi-Fi if you can. Video calls use a lot of mobile data.
- Sit somewhere quiet, with the light in front of you, not behind you.

## Answering a video call
When the phone rings with a video call, tap the **green** button (on some phones you slide it).
Hold the phone at arm's length so they see your face, not the ceiling.

## Making a call on WhatsApp
1. Open WhatsApp.
2. Tap the person's name.
3. Tap the **camera** symbol at the top of the screen.

## FaceTime and Zoom
FaceTime works between iPhones and iPads: open the FaceTime app and choose the person. For Zoom,
you are usually sent a link by email or text for a set time. Tap it a few minutes early and
choose **Join with audio**.

## If they cannot hear you
Look for the microphone symbol. If it has a line through it, tap it. Turn the volume up with the
buttons on the side.

## If they cannot see you
Look for the camera symbol. If it has a line through it, tap it. Check your finger is not over
the camera.

## If the picture freezes
Move closer to your Wi-Fi router, or end the call and ring again.

## Ending the call
Tap the **red** button.""",
        "resource_type": "handout",
        "audiences": ["learners"],
        "skill_areas": ["communicating"],
        "topics": ["video_calls"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "lesson-video-calls",
        "title": "Lesson plan: your first video call (40 minutes)",
        "summary": (
            "Pairs call each other across the room, then a colleague outside, so everyone answers "
            "and makes a call."
        ),
        "body": """## Aim
Every learner answers a video call and makes one, and knows what to do when the sound or picture
fails.

## You will need
Devices with WhatsApp or Zoom installed and signed in (set up loan devices the day before), good
Wi-Fi, and a colleague outside the room who agrees to be "on call" for fifteen minutes. Print
the "Video calls with family" handout.

## Timings
- **0–10 min** Why video calls? Ask the room. Common answers: seeing grandchildren, a GP or
  hospital appointment, a job interview, a Jobcentre appointment. Show the green answer button
  and the red end button on a device held up high.
- **10–25 min** In pairs, one person calls the other across the room. Swap. Then try muting and
  unmuting, and turning the camera off and on.
- **25–35 min** Your colleague outside calls each learner in turn, so everyone answers a real
  call from someone they cannot see.
- **35–40 min** Troubleshooting: no sound, no picture, a frozen screen. Hand out the handout and
  agree who will call whom at home this week.

## Tips
- Sit pairs apart so the sound does not echo. Headphones help.
- Some learners dislike seeing their own face on screen. Show how to make their own picture
  smaller.
- If a learner uses a borrowed device, note it as a device lent in the session log.""",
        "resource_type": "lesson_plan",
        "audiences": ["champions"],
        "skill_areas": ["communicating"],
        "topics": ["video_calls"],
        "language": "en",
        "minutes": 40,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "social-media-safely",
        "title": "Social media without the worry",
        "summary": (
            "Helping someone join Facebook or a community group safely: privacy settings, what not"
            " to share, and blocking."
        ),
        "body": """## Start small
Many people want one thing from social media: the residents' group, the church or mosque page,
the school's updates, family photos. Join just that, and add more later if they want to. Ask
which platform the people they want to reach use; it is often Facebook or a WhatsApp group.

## Setting up
Use the learner's own email address or phone number. Their name can be their real name or a
shortened one. They do not need a photo of themselves; a flower or their town is fine.

## Privacy settings to check together
- Who can see your posts: **Friends**.
- Who can see your friends list: **Only me**.
- Who can find you by phone number or email: **Only me** or **Friends**.
- Location in posts and photos: **off**.

## Never share
Your full address, your date of birth, holiday dates while you are away, or photos of bank
cards, letters or your front door with the number on it.

## Friend requests and messages
Only accept people you know in real life. A second friend request from someone you are already
friends with is probably a copied account. Messages from strangers offering money, investments
or romance are almost always scams.

## If someone is unkind
Show how to block, report and leave a group. It is not their fault, and it is fine to step away.
If someone is frightened or threatened, follow the safeguarding note.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["communicating", "safe_and_legal"],
        "topics": ["social_media"],
        "language": "en",
        "minutes": 10,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "email-attachments-video",
        "title": "Video: sending a photo or document by email",
        "summary": (
            "How to attach a photo, a scanned letter or a CV to an email on a phone, step by step."
        ),
        "body": """Many services now ask people to send a photo of a letter, a payslip or a fit note
by email, and job applications often ask for a CV as an attachment. This short
video from Digital Unite's free technology guides shows how to attach a photo or
document to an email on a phone, step by step.

## What it covers
- Taking a clear photo of a letter: flat on a table, in good light, with all four corners
  showing.
- Starting a new email, then tapping the **paperclip** symbol to attach something.
- Choosing the photo or document, checking it has appeared, and sending.
- Opening an attachment that someone has sent to you.

## Using it in a session
Watch it once all the way through, then again with pauses. Practise by sending a photo of
something harmless, such as a cup or a plant, to the learner's own email address, and then to
yours. Only then move on to real documents.

## Things to watch for
- Check the right person is in the **To** line before sending anything personal.
- Large photos can be slow to send on mobile data; Wi-Fi helps.
- An unexpected attachment, even from someone they know, may be a scam. If in doubt, do not open
  it, and check with the sender another way.""",
        "resource_type": "video",
        "audiences": ["learners", "champions"],
        "skill_areas": ["communicating", "handling_information"],
        "topics": ["email", "job_search"],
        "language": "en",
        "minutes": 5,
        "external_url": "https://www.digitalunite.com/technology-guides",
        "featured": False,
    },
    {
        "key": "job-search-online",
        "title": "Searching for jobs online",
        "summary": (
            "Using Find a job and other job sites: searching, setting alerts, keeping track, and "
            "spotting job scams that ask for money."
        ),
        "body": """## Good places to start
- The government's **Find a job** service on GOV.UK.
- The council's own jobs pages, and NHS Jobs for health jobs.
- Large local employers' own websites: supermarkets, hospitals, the council.
- Recruitment agencies, for temporary and warehouse work.

## Searching well
Search by job title **and** town or postcode. Then use the filters: distance, hours (part-time
or full-time) and the date the job was posted. If nothing comes up, try another word: "cleaner",
"housekeeper" and "domestic assistant" can mean the same job.

## Job alerts
Set up an email alert for a search the learner likes, so new jobs come to them. This needs an
email account they check; start there if they do not have one.

## Keeping track
Keep a simple list on paper or in a note: the job, the employer, the date applied and the
closing date. It helps with a Universal Credit work search record too.

## Warning signs of a job scam
A real employer never asks you to:

- pay for training, a uniform or a DBS check before you start;
- give your bank details before you have an offer of work;
- receive money into your account and send it on. This is called "money muling" and it is a
  crime, even if you did not know.

Jobs offering a lot of money for little work, or interviews held only by text message, are
warning signs too.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["handling_information", "transacting"],
        "topics": ["job_search", "scams"],
        "language": "en",
        "minutes": 12,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "cv-template",
        "title": "Template: a one-page CV",
        "summary": (
            "An editable CV layout with prompts in each section, for champions to fill in with a "
            "learner."
        ),
        "body": """## How to use this template
Fill it in with the learner, in their words, on their device if they have one. Save it with
their name in the file name ("Sam Patel CV") and email a copy to them, so they can find it
again.

## Your name
Phone number · Email address · Town (there is no need for your full address)

## About me
Two or three sentences: what you are good at, and the work you are looking for. For example:
"Reliable and friendly, with five years' experience of caring for my family. Looking for
part-time work in a care home or a school kitchen."

## Experience
**Job title**, Employer, month and year started to month and year finished

- One thing you did, with a number if you can: "served around 200 customers a day".
- One thing you were trusted with: "opened and locked up the shop".

## Volunteering, caring and other experience
These count. Say what you did and for how long: running a stall, looking after a parent,
coaching a team.

## Skills
Languages you speak, a driving licence, food hygiene, first aid, and computer skills such as
email, video calls and online forms.

## Education and training
Most recent first. Short courses count too.

## References
"Available on request" is fine.""",
        "resource_type": "template",
        "audiences": ["champions", "learners"],
        "skill_areas": ["handling_information"],
        "topics": ["job_search"],
        "language": "en",
        "minutes": 30,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "is-it-true-online",
        "title": "Is it true? Checking what you read online",
        "summary": (
            "A handout on checking news, health claims and offers: who wrote it, when, and what do"
            " others say."
        ),
        "body": """## Three questions to ask
1. **Who wrote it?** A known organisation, such as the NHS, the BBC or your council, or a page
   or person you have never heard of?
2. **When was it written?** Old news shared again can mislead. Look for a date.
3. **What do others say?** Search for the claim and see whether websites you trust say the same.

## Health information
Use the NHS website, or ask a pharmacist or your GP. Be wary of posts that promise a miracle
cure, a cure "doctors don't want you to know about", or that sell the cure they praise.

## Photos and videos
They can be old, taken somewhere else, or made up by a computer. A very shocking or very perfect
picture deserves a second look. Search for the story on a news website you trust.

## Offers and prizes
If something looks too good to be true, it usually is: free phones, huge discounts, or a
competition you did not enter.

## Before you share
Ask yourself: do I know this is true? Will it upset or frighten people? If you are not sure, do
not share it. Your friends trust what you send them.

## Feeling strongly?
Posts written to make you angry or scared are often written to be shared, not to inform. Take a
breath before you react.""",
        "resource_type": "handout",
        "audiences": ["learners", "champions"],
        "skill_areas": ["handling_information", "problem_solving"],
        "topics": ["social_media", "other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "saving-photos-and-files",
        "title": "Saving and finding photos and documents",
        "summary": (
            "Where photos and downloads go on a phone, photographing a letter, making folders, and"
            " backing up so nothing is lost when a phone breaks."
        ),
        "body": """## Where things go
- Photos and videos go to the **Photos** app (iPhone), or **Gallery** or **Google Photos**
  (Android).
- Things downloaded from a website or an email, such as a letter or a form, go to the **Files**
  app, in **Downloads**.
- Screenshots go to Photos or Gallery, usually in an album called Screenshots.

## Taking a photo of a document
Put the letter flat on a table in good light, hold the phone straight above it, and check that
all four corners are in the picture and the words are sharp. Many phones have a **scan** option
in the Notes or Files app that straightens the page for you.

## Keeping things tidy
Make an album or folder for things that matter, such as "Letters" or "Job applications", so a
council letter is easy to find in six months' time. Delete blurry photos and copies now and
then, so the phone does not fill up.

## Backing up
If a phone is lost or broken, photos that are not backed up are lost too.

1. Open the phone's settings and find backup (Google One on Android, iCloud on iPhone).
2. Turn backup on, for Wi-Fi only, so it does not use up mobile data.
3. At the next session, check together that it worked.

Free storage is limited, and the phone will say when it is full. Nobody needs to pay for more
just because a message suggests it: deleting old videos often frees enough space.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["handling_information"],
        "topics": ["device_setup", "other"],
        "language": "en",
        "minutes": 10,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "nhs-app-getting-started",
        "title": "Getting started with the NHS App",
        "summary": (
            "Setting up NHS login with photo ID, ordering repeat prescriptions, booking GP "
            "appointments and seeing test results."
        ),
        "body": """## You will need
- The learner's phone or tablet, with enough space for the app.
- An email address they can open, and their mobile phone.
- Photo ID, such as a passport or driving licence, for full access. Their NHS number helps but
  is not essential.
- Time: allow thirty minutes for a first session.

## Setting up
1. Download the **NHS App** from the app store. Check it is made by the NHS.
2. Tap **Continue** and create an **NHS login** with their email address.
3. Enter the security code sent to their phone.
4. Prove who they are: a photo of their ID and a short video of their face. Checks are often
   quick but can take a day or more.
5. Choose a quick way to log in next time: fingerprint, face or a code.

## Most used
- **Prescriptions**: order repeat medicines and choose a pharmacy.
- **Appointments**: book, check or cancel at their GP practice, if the practice offers it, and
  see some hospital appointments.
- **Your health record**: test results, letters and vaccinations.
- **Messages** from their GP practice and hospital.

## If the identity check fails
The GP surgery can check their ID in person and give them **linkage details** to finish setting
up instead.

## Champion tips
Never hold or see the learner's NHS login password. Health information is private: let them read
results themselves, and step back if they would rather. In Wales, the NHS Wales App does many of
the same things.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["transacting"],
        "topics": ["nhs_app"],
        "language": "en",
        "minutes": 20,
        "external_url": "",
        "featured": True,
    },
    {
        "key": "nhs-app-official",
        "title": "The NHS App: official help pages",
        "summary": (
            "The NHS's own guidance on what the app does, proxy access for carers, and getting "
            "help with NHS login."
        ),
        "body": """The NHS App's own pages on the NHS website explain what the app does, who can use
it, and how to get help with NHS login. They are kept up to date when new
features arrive, so check them before a session rather than relying on memory.

## Useful sections
- **About the NHS App**: what learners can do, such as ordering repeat prescriptions, booking GP
  appointments, viewing their health record and reading messages from their practice.
- **Help and support**: step-by-step answers about logging in, proving identity, and what to do
  if the identity check does not work.
- **Managing someone else's health**: how a carer or family member can get "proxy access" to
  help with someone else's prescriptions or appointments, arranged through the GP practice.

## Using it in a session
Bookmark the page on loan devices and on the learner's own phone. When a learner is stuck,
search the help pages together rather than guessing: it teaches them where to find answers next
time.

## Things to know
- Not every GP practice offers every feature; the app shows what their practice allows.
- Proxy access is the right way to help someone with their health regularly. Champions should
  never log in as a learner, even when asked to.""",
        "resource_type": "link",
        "audiences": ["champions", "learners"],
        "skill_areas": ["transacting"],
        "topics": ["nhs_app"],
        "language": "en",
        "minutes": 5,
        "external_url": "https://www.nhs.uk/nhs-app/",
        "featured": False,
    },
    {
        "key": "universal-credit-journal",
        "title": "Universal Credit online: the journal and to-do list",
        "summary": (
            "Helping a claimant sign in, read and reply to journal messages, and complete to-dos, "
            "without doing it for them."
        ),
        "body": """## Your role
You help the claimant use their online account. You never sign in as them, write their journal
for them, or keep their password or security answers. If they ask you to "just do it", explain
kindly that it has to be them, because the claim is their responsibility.

## Signing in
They sign in on the Universal Credit website with their username and password, and a code sent
to their phone. If they are locked out, the Universal Credit helpline (0800 328 5644) can help;
ring it together on speaker if they want you there.

## The journal
The journal is a conversation with their work coach and case manager.

1. Read new messages together, slowly.
2. Ask: "What do you think they are asking you to do?"
3. Replies can be short and polite: "Thank you, I will come in on Tuesday at 10."
4. Check the reply together before they send it.

## To-dos
The to-do list shows things they must do, such as reporting a change or accepting their claimant
commitment. Open each one, read it together, and mark it done only when it is done. A missed
to-do can delay a payment.

## Work search
If they must record their job search, show them where to note it in the account, and a simple
way to keep track (see the job search guide).

## Worried about money, a sanction or a decision?
That needs advice, not digital help. Signpost to Citizens Advice Help to Claim or a local
welfare rights service, and record the signposting.""",
        "resource_type": "guide",
        "audiences": ["champions"],
        "skill_areas": ["transacting"],
        "topics": ["benefits"],
        "language": "en",
        "minutes": 15,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "help-to-claim",
        "title": "Citizens Advice Help to Claim",
        "summary": (
            "Free, confidential help to make a Universal Credit claim, by phone or online, in "
            "England, Scotland and Wales."
        ),
        "body": """Help to Claim is a free, confidential service from Citizens Advice that helps
people make a Universal Credit claim, from the first application to the first
full payment. It is available by phone and online in England, Scotland and Wales.

## When to signpost
Champions help people use the website. Help to Claim gives advice. Signpost when a learner:

- is not sure whether they can or should claim, or whether a claim will leave them worse off;
- needs to know what evidence to gather;
- has a first payment that looks wrong, or an advance they do not understand;
- is being moved to Universal Credit from older benefits and is worried about it.

## How to signpost well
- Open the page together and find the phone number or web chat for their nation.
- If they would like, sit with them while they make the first call.
- Write the name of the service and the date on paper for them.

## Recording it
Log it in the session form as signposting to another service, with a follow-up date to ask how
it went. Signposting is real impact: it gets people the help they are entitled to.

## Also worth knowing
Local Citizens Advice offices, council welfare rights teams and housing providers' money
advisers can also help with benefits. Your project manager may keep a local list.""",
        "resource_type": "link",
        "audiences": ["champions", "learners"],
        "skill_areas": ["transacting"],
        "topics": ["benefits"],
        "language": "en",
        "minutes": 5,
        "external_url": "https://www.citizensadvice.org.uk/benefits/universal-credit/",
        "featured": False,
    },
    {
        "key": "online-banking-first-steps",
        "title": "Online banking: first steps in the bank's app",
        "summary": (
            "Downloading the right app, registering, checking a balance and paying a bill, with "
            "the safety rules at each step."
        ),
        "body": """## The right app
Search the app store for the bank's exact name, and check the developer is the bank itself, with
many reviews. Copycat apps exist. If you are unsure, the bank's own website links to its real
app.

## Registering
The learner needs their debit card, usually their account number and sort code, and their mobile
phone for a code. They choose their own passcode and log-in details; you look away while they
type. Some banks send a letter, or ask the learner to visit a branch, to finish setting up.

## First things to try
1. Check the balance.
2. Look at recent payments together and find a familiar one, such as a supermarket.
3. Find a statement.
4. Pay a bill to someone already set up, such as the gas company, if the learner wants to.

Looking before moving any money builds confidence.

## Safety rules
- The bank will never ring, text or email to ask for a code from the app, a PIN or a password.
- The bank will never ask you to move money to a "safe account".
- Check the name and details before paying someone new. If the app warns that the name does not
  match, take it seriously.
- Log out on shared devices, and do not bank on public Wi-Fi.

## If something goes wrong
Ring the number on the back of the card, or **159**. Fraud reported quickly is more likely to be
stopped.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["transacting", "safe_and_legal"],
        "topics": ["online_banking"],
        "language": "en",
        "minutes": 20,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "lesson-online-banking",
        "title": "Lesson plan: online banking confidence (60 minutes)",
        "summary": (
            "A group session using a practice banking app, so nobody uses a real account in the "
            "room."
        ),
        "body": """## Aim
Learners know what a banking app can do, can recognise a banking scam, and feel safe trying
their own app at home.

## Important
Never use anyone's real bank account in a group. Use a bank's demo app or practice website
(several high-street banks offer one) on loan devices, or printed screenshots.

## You will need
Loan devices with a demo app, flipchart paper, six "scam or real?" cards with bank messages, and
the "Online banking: first steps" guide printed for each learner.

## Timings
- **0–10 min** Welcome. Ask: "What worries you about online banking?" Write every worry on the
  flipchart without answering yet. Common ones: being hacked, pressing the wrong button, sending
  money to the wrong person.
- **10–30 min** In pairs on the demo app: find the balance, look at recent payments, find a
  statement, and walk through paying a bill without sending it.
- **30–45 min** Scam or real? Pairs sort the six messages. Talk about "safe account" calls,
  codes sent to the phone, and the number 159.
- **45–55 min** Go back to the worries on the flipchart and answer each one together. Cross them
  off.
- **55–60 min** Hand out the guide. Offer a one-to-one session to set up each learner's own app.

## Afterwards
Log a group session with the transacting and safety skill areas. Book the one-to-one sessions
before people leave.""",
        "resource_type": "lesson_plan",
        "audiences": ["champions"],
        "skill_areas": ["transacting", "safe_and_legal"],
        "topics": ["online_banking", "scams"],
        "language": "en",
        "minutes": 60,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "shopping-online-safely",
        "title": "Shopping online safely",
        "summary": (
            "A handout on checking a shop is real, paying safely, and spotting delivery scams and "
            "fake shops."
        ),
        "body": """## Is the shop real?
- Type the shop's website yourself, or use its official app, rather than tapping an advert or a
  link in a message.
- Look for reviews on another website, a UK address and a phone number.
- Very low prices on expensive things, such as trainers or phones, are a warning sign.
- Check the web address carefully. Fake shops use names that look almost right.

## Paying safely
- Pay by debit card, credit card or a trusted service such as PayPal.
- Never pay by bank transfer to a person or shop you do not know. If it is a scam, the money is
  hard to get back.
- A credit card gives extra protection for things costing more than £100.
- Do not save your card details on websites you will not use again.

## Buying from other people
On Facebook Marketplace, eBay or Gumtree, see the item before you pay if you can, and pay
through the website, not by bank transfer.

## Delivery
Keep the order confirmation email until the item arrives. Texts saying "your parcel could not be
delivered, pay a small fee" are a common scam: check on the shop's own website instead.

## If something goes wrong
Contact the shop first. If that does not work, ring your bank: they may be able to get your
money back.""",
        "resource_type": "handout",
        "audiences": ["learners", "champions"],
        "skill_areas": ["transacting", "safe_and_legal"],
        "topics": ["online_shopping", "scams"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "council-services-online",
        "title": "Council services online: reporting, paying and applying",
        "summary": (
            "Reporting a missed bin, paying council tax and applying for a Blue Badge or council "
            "tax reduction on a council website."
        ),
        "body": """## Find the right page
Search for the council's name and the task, for example "[council name] report missed bin" or
"[council name] council tax", rather than browsing the council's home page. Check the address
ends in **gov.uk** before going further: some copycat websites charge for free services.

## Accounts
Many councils ask people to make an account to report, pay or apply. Use the learner's own email
address, and write down the address (not the password) for them. Keep the reference number the
council gives after each report: it is how they check on it later.

## Common tasks
- **Reporting**: missed bins, potholes, fly-tipping, a broken street light. A photo helps.
- **Paying**: council tax and parking fines. Have the account number from the bill ready.
- **Applying**: a Blue Badge, a bus pass, a school place, council tax reduction, housing.

## Documents
Applications often ask for a photo, proof of address and proof of benefits. Photograph the
documents first (see the guide to saving photos and documents), then upload them.

## If it goes wrong
Long forms can time out. Before starting one, gather everything it asks for. If the website
fails, the council's phone line or a library can help.

## Champion tip
Let the learner type while you point. Read each question aloud together if the wording is
confusing; council forms often are.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["transacting", "problem_solving"],
        "topics": ["benefits", "other"],
        "language": "en",
        "minutes": 15,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "when-it-goes-wrong",
        "title": "When the technology goes wrong: a champion's checklist",
        "summary": (
            "A calm order of things to try when a device or website is not working, before giving "
            "up."
        ),
        "body": """Something not working is not a failure: it is the best chance to practise problem
solving, one of the Essential Digital Skills. Work through this list in order,
and let the learner do the tapping.

1. **Breathe.** Say out loud what you expected to happen and what happened instead.
2. **Read the message on the screen** together, word by word. It often says exactly what is
   wrong: "incorrect password", "no internet connection".
3. **Go back** one step and try again, slowly.
4. **Check the connection.** Is the Wi-Fi or mobile data symbol showing at the top of the
   screen? Is aeroplane mode on by mistake?
5. **Check the basics.** Is the device charged? Is the volume up? Is the screen brightness
   turned right down?
6. **Close the app and open it again.**
7. **Restart the device.** It fixes more problems than anything else.
8. **Check for updates** to the app or the device.
9. **Search for the exact error message**, with the name of the device or app.
10. **Ask for help** from the service's help line or web chat, and write down any reference
    number they give.

## Afterwards
Ask the learner what worked and write it down in their words. Next time something goes wrong,
ask what they would try first before you say anything.

## When to stop
If a learner is tired or upset, stop and come back to it. A problem left until next week is
fine; a learner who never comes back is not.""",
        "resource_type": "guide",
        "audiences": ["champions", "learners"],
        "skill_areas": ["problem_solving"],
        "topics": ["device_setup", "other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "finding-help-online",
        "title": "Finding answers yourself: search, help pages and forums",
        "summary": (
            "A handout that builds independence: how to search for a problem and judge whether an "
            "answer can be trusted."
        ),
        "body": """## Search in plain words
Type the problem as you would say it, with the name of your phone or app: "iPhone text too
small", "WhatsApp no sound on video call", "Samsung phone storage full". You do not need to know
the technical words.

## Good places for answers
- The maker's own help pages: Apple, Google, Samsung, Microsoft.
- The help pages of the service itself: the NHS App, GOV.UK, your bank, your council.
- Charities such as AbilityNet and Age UK, which write clear guides.
- Videos can help too: choose one from the company itself, or one with lots of views and good
  comments.

## Is this answer any good?
- Is it recent? Phones change, and instructions from five years ago may not match.
- Is it about your phone or app?
- Does it ask you to do something risky? Then stop.

## Be careful of
- Pages or pop-ups that say your device has a virus and you must ring a number or download
  something. These are scams. Close the page.
- "Help lines" in search adverts that charge for help, or ask to connect to your device.
- Strangers on forums who offer to fix it if you send them your details.

## Still stuck?
Write down what you tried and what happened, and bring it to your next session with your Digital
Champion. That note is useful: it is problem solving too.""",
        "resource_type": "handout",
        "audiences": ["learners"],
        "skill_areas": ["problem_solving", "handling_information"],
        "topics": ["other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "lesson-solving-problems",
        "title": "Lesson plan: solving problems online (50 minutes)",
        "summary": (
            "Four realistic problems for pairs to solve with search and help pages, building "
            "confidence to carry on alone."
        ),
        "body": """## Aim
Learners try a simple method for solving problems online, and leave confident to try it alone
before asking for help.

## You will need
The "When the technology goes wrong" checklist and the "Finding answers yourself" handout,
printed; a device for each pair; and four problem cards.

## The problem cards
1. The text on the phone is too small to read.
2. The GP surgery's website says "please verify your email address".
3. A text says a parcel delivery failed and asks for a fee. What do you do?
4. Find the bus times for next Sunday from here to the hospital.

Card 3 is a scam; see who spots it.

## Timings
- **0–10 min** Model one problem aloud. Say what you are thinking at each step: "I'll read the
  message first. It says this, so I'll try that." Show the checklist.
- **10–20 min** Pairs take their first card. Champions prompt with questions ("What does the
  screen say?") but never take the device.
- **20–30 min** Pairs swap cards and solve a second problem.
- **30–40 min** Each pair tells the room one thing that worked and one that did not. Write up
  the good ideas.
- **40–50 min** Hand out the checklist. Each learner names one problem at home to try this week.

## Afterwards
Log the session with problem solving as the skill area. Next time, start by asking who tried
their problem at home.""",
        "resource_type": "lesson_plan",
        "audiences": ["champions"],
        "skill_areas": ["problem_solving"],
        "topics": ["other", "scams"],
        "language": "en",
        "minutes": 50,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "session-plan-template",
        "title": "Template: planning a one-to-one session",
        "summary": (
            "A half-page plan to fill in before a session: the learner's goal, what to cover, "
            "barriers, and what to leave them with."
        ),
        "body": """Fill this in before a one-to-one session; it takes a few minutes. Use initials
only: it is a working note, not a record. Afterwards, log the session in the
portal, then shred or delete the plan.

## Learner (initials) and date

## What they want to be able to do
In their words, for example "see my grandson on video" or "order my tablets without ringing the
surgery".

## What they can already do
Switch on, tap, type, use the camera, send an email? Check their self-assessment in the portal
if they have one.

## Today we will
1. First step:
2. Second step:
3. Third step:

Three steps at most. One is fine.

## What to bring
Loan device, charger, Wi-Fi details, printed handouts, and their letters or ID if the task needs
them.

## Barriers to plan for
No device, no data, sight or hearing, language, cost, low confidence, IT permissions at work.

## Confidence before (1 to 5) and after (1 to 5)
Ask the same question at the start and at the end: "How confident do you feel about doing this
on your own?"

## One thing to practise before next time
Written down for them, in their words.

## Follow-up
Date, time and place of the next session, or who you have signposted them to.""",
        "resource_type": "template",
        "audiences": ["champions"],
        "skill_areas": ["foundation", "problem_solving"],
        "topics": ["other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "consent-script-template",
        "title": "Template: asking for consent, in plain words",
        "summary": (
            "A short script champions can read aloud before recording anything about a learner, "
            "with separate questions for contact details and special category information."
        ),
        "body": """## When to use it
Read this aloud, in your own words if you like, before you record anything about a learner in
the portal, and tick the answers in the consent section of the learner form. Each question is
separate: a "no" to one does not affect the others, and a "no" to all of them does not stop the
help.

## The script
We keep a short record of the help we give you, so we can pick up where we left off next time
and show our funders that this work is worth paying for. We only need your first name or
initials. Is it all right for us to keep that record? (yes or no)

Would you like us to contact you about sessions, by phone or email? If so, we will keep your
number or email address and use it only for that. (yes or no)

Some people tell us about a disability or health condition, or their ethnic background, so we
can make things easier and show who we are reaching. You do not have to, and your help will be
exactly the same if you do not. Is it all right to record that? (yes or no)

We keep the record only as long as our policy says, then delete it. You can change your mind at
any time, and ask to see or delete what we hold: just tell me or any champion.

## After you read it
Record who gave consent, when, and how (in person or by phone). If someone changes their mind
later, update the record the same day.""",
        "resource_type": "template",
        "audiences": ["champions", "project_managers"],
        "skill_areas": ["safe_and_legal"],
        "topics": ["other"],
        "language": "en",
        "minutes": 3,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "poster-template",
        "title": "Template: poster for a drop-in digital help session",
        "summary": (
            "Poster wording for libraries, hubs and GP surgeries, with spaces for your day, time "
            "and place."
        ),
        "body": """## How to use this poster
Fill in the words in square brackets, print it in large type on A4 or A3, and put it up where
people already go: the library, the GP surgery, the housing office, the community centre, the
supermarket noticeboard. Ask permission first. Keep the wording short; people read posters from
across a room.

## Free help with phones, tablets and computers
Bring your phone, your tablet, your questions, or just yourself. We will put the kettle on.

**We can help you to:**

- get online and stay safe from scams
- send emails and make video calls to family
- use the NHS App to order prescriptions
- use your Universal Credit account and look for jobs
- use your bank's app with confidence

**Every [day] from [time] to [time] at [place].**

No need to book. No question is too small, and nobody will make you feel silly.

Ask for [name], ring [phone number], or just come along.

**No device? No problem.** We can lend you one to learn on.

## Tips
- Add a QR code for people who prefer to find out more online, but never only a QR code.
- Translate the poster into the main languages of your area; the toolkit has handouts in Welsh,
  Polish and Urdu to show how.
- Say whether the venue has step-free access and a hearing loop.""",
        "resource_type": "template",
        "audiences": ["champions", "project_managers"],
        "skill_areas": ["foundation"],
        "topics": ["other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "volunteer-role-description",
        "title": "Template: volunteer Digital Champion role description",
        "summary": (
            "A role description to adapt when recruiting volunteers: what they do, the time it "
            "takes, the support they get and what they gain."
        ),
        "body": """## How to use this template
Adapt the words in square brackets and anything else that does not fit your organisation. Keep
it warm and short: the people you most want often do not think of themselves as "techy".

## Role: volunteer Digital Champion
- **Where**: [venue or venues]
- **When**: [days and times], two to four hours a week
- **Commitment**: at least three months
- **Your contact**: [name, job title]

## What you will do
- Help people, one to one or in small groups, to use phones, tablets, computers and the internet
  with confidence.
- Help with everyday tasks: email, video calls, the NHS App, online forms, staying safe from
  scams.
- Keep a short, private record of each session on your phone or a computer.
- Tell us when someone needs more help than you can give.

## What you will need
- Patience, kindness and a good listening ear.
- Everyday confidence with a smartphone or computer. You do not need to be an expert.
- Willingness to follow our safeguarding and data protection guidance.

## What we will give you
- An induction and training, including online Digital Champion courses.
- A named contact, and other champions to learn from.
- Travel expenses, paid promptly.
- A reference after three months, and certificates for the training you complete.

## Checks
[A DBS check at the level our safeguarding lead advises, if you will work alone with adults at
risk.]""",
        "resource_type": "template",
        "audiences": ["project_managers"],
        "skill_areas": ["foundation"],
        "topics": ["other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "case-study-housing-hubs",
        "title": "Case study: digital help in a housing association's community hubs",
        "summary": (
            "How a housing association with 12 staff champions and 20 tenant volunteers supported "
            "640 tenants in a year, and more tenants paid rent online."
        ),
        "body": """## The organisation
A housing association in the north of England with around 9,000 homes. Many tenants are older,
and about a third claim Universal Credit. A tenant survey found one in four had no internet at
home, and many more had a phone they rarely used.

## The programme
The association trained 12 tenancy and income staff as champions and recruited 20 tenant
volunteers. Help was offered at two community hubs, twice a week each, and on home visits for
people who could not travel. A loan scheme of 30 tablets with data SIMs covered people with no
device.

## In the first year
- **640 tenants** supported, with **1,900 hours** of help.
- **71%** rated their confidence higher at their last session than at their first; the average
  rise was 1.6 points on a five-point scale.
- Tenants paying rent online rose from **38% to 55%**.
- **118 loans** of tablets and SIMs; 24 tenants later bought a device of their own.
- 17 of the 20 volunteers were still active after twelve months.

## What worked
Volunteers who were tenants themselves, and were trusted. Linking sessions to what tenants
needed that week: rent, Universal Credit journals, reporting repairs. Income staff referring
tenants who were falling behind with rent.

## What they would change
Record from day one. The first three months were logged on paper and most of it was lost, so the
first board report undercounted the early work. They would also involve the IT team sooner:
setting up the loan tablets took six weeks longer than planned.""",
        "resource_type": "case_study",
        "audiences": ["project_managers", "champions"],
        "skill_areas": ["transacting", "foundation"],
        "topics": ["benefits", "online_banking"],
        "language": "en",
        "minutes": 8,
        "external_url": "",
        "featured": True,
    },
    {
        "key": "case-study-library-drop-ins",
        "title": "Case study: weekly drop-ins across a library service",
        "summary": (
            "A library service ran drop-ins at nine branches; quick tallies captured 3,000 "
            "contacts without slowing the queue, and the figures helped keep two branches open."
        ),
        "body": """## The organisation
A county library service with nine branches, several in market towns with poor public transport.
Staff were already answering digital questions at the desk every day, but none of it was
counted.

## The programme
Each branch ran a two-hour drop-in every week, staffed by a library assistant trained as a
champion and one or two volunteers. Learners who came back three or more times were offered
booked one-to-one sessions.

## Recording without slowing the queue
At busy drop-ins, staff kept a quick tally at the end of each session: how many people, which
topics, any devices lent. Learners who took up one-to-ones were recorded in full, with consent
and a starting self-assessment. The queue kept moving, and the service still had numbers it
could stand behind.

## In a year
- **3,000 drop-in contacts** and **420 one-to-one learners**.
- The most common topics were the NHS App (22% of contacts), scams (18%) and Universal Credit
  (15%).
- One-to-one learners' average confidence rose from 2.1 to 3.8 out of 5.
- Two branches due to lose opening hours kept them, after the drop-in figures were put to
  councillors.

## Lessons
A tally is enough for the busy hour; keep full records where there is a relationship. Scams came
up far more often than expected, so the service now runs a monthly scams session with the local
police.""",
        "resource_type": "case_study",
        "audiences": ["project_managers"],
        "skill_areas": ["handling_information", "transacting"],
        "topics": ["nhs_app", "scams"],
        "language": "en",
        "minutes": 6,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "case-study-nhs-trust",
        "title": "Case study: patients and staff in an NHS trust",
        "summary": (
            "A hospital trust's champions helped 380 patients set up the NHS App and 150 staff use"
            " the new rota and payslip systems."
        ),
        "body": """## The organisation
An acute hospital trust with two main sites and around 7,000 staff. Two problems came up at
once: patients missing appointments because letters went astray, and staff struggling to move to
an online rota, payslips and work email.

## The programme
Ward clerks, porters, outpatient receptionists and some volunteers became champions, with two
hours a week of protected time written into their job plans. They helped patients in outpatient
waiting areas, and colleagues in staff rooms and at shift changeovers.

## In six months
- **380 patients** set up the NHS App, most of them to see appointments and letters.
- **150 staff** were helped with the rota app, payslips and work email; about one in five were
  managers or senior clinicians.
- Missed appointments fell from 9% to 6% in the two clinics with a regular champion, with no
  change elsewhere.
- Champions grew in confidence too: several applied for roles with more responsibility.

## What made it work
Champion time protected in job plans, not squeezed into breaks. Support from the chief nurse,
won by showing early figures at a board meeting. A lanyard badge, so patients and staff knew
whom to ask.

## What was hard
IT permissions: at first champions could not install apps on the trust's tablets, so early
sessions used patients' own phones. Two sessions were cancelled during industrial action and
rebooked, and the record shows both.""",
        "resource_type": "case_study",
        "audiences": ["project_managers"],
        "skill_areas": ["transacting", "communicating"],
        "topics": ["nhs_app", "email"],
        "language": "en",
        "minutes": 6,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "safeguarding-note",
        "title": "Safeguarding: what every champion needs to know",
        "summary": (
            "Recognising when someone may be at risk, what to do and not do, and whom to tell, on "
            "one page."
        ),
        "body": """This note is a summary. Your organisation's safeguarding policy comes first: ask
your project manager for a copy and the name of your safeguarding lead.

## Why it matters for champions
People often tell a champion things they have told nobody else, because you are sitting beside
them looking at their messages, their bank app or their benefits account. You may be the first
to notice that something is wrong.

## You might notice
- Someone being pressured or controlled about money, passwords or their phone.
- A scam that keeps happening, or someone sending money to a person they have "met" online.
- Signs of neglect, self-neglect or new confusion.
- A learner who seems afraid of someone at home, or who is never allowed to come alone.
- A child or young person at risk.

## Do
- Listen, stay calm and take them seriously.
- Tell them you will need to pass it on to keep them safe.
- Tell your safeguarding lead **the same day**.
- Write down what you saw and heard, in their words, with the date and time, and follow your
  organisation's process for keeping it. Keep the session notes in the portal short and factual.

## Do not
- Promise to keep a secret.
- Investigate, question them in detail, or confront anyone.
- Wait because you are not sure. Deciding is the lead's job.

## Emergencies
If someone is in immediate danger, ring **999**. Out of hours, ring your council's adult or
children's social care emergency line.""",
        "resource_type": "policy",
        "audiences": ["champions", "project_managers"],
        "skill_areas": ["safe_and_legal"],
        "topics": ["scams", "other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "data-protection-note",
        "title": "Data protection for champions: the short version",
        "summary": (
            "What we may record about learners, what we never record, who sees it, and what to do "
            "when a learner asks what we hold."
        ),
        "body": """This is the short version of how we handle learners' personal information under
UK GDPR. Your organisation's data protection policy has the detail.

## Record only what is needed
- A first name, a nickname or initials is enough for a learner record.
- Contact details only if the learner agrees to be contacted.
- Disability, health and ethnicity are special category data. Record them only with the
  learner's separate, explicit consent, using the consent script, and never guess.
- Anonymous one-off help can be logged without creating a learner record at all.

## Never record
Passwords, PINs, bank details, National Insurance numbers, or anything a learner tells you in
confidence about their health, family or money. If it is a safeguarding worry, follow the
safeguarding note instead.

## Write as if the learner will read it
They can ask to see everything we hold. Keep notes short, factual and kind: "Practised replying
in the journal; wants help with attachments next time."

## If a learner asks
"What do you hold about me?" or "Please delete it": tell your project manager the same day. We
must answer within one month, and the portal can export or erase a record.

## Devices and paper
- Sign out of the portal on shared computers.
- Never photograph a learner's documents on your own phone.
- Shred paper session plans once the session is logged.
- Report a lost device or a mistake, such as an email sent to the wrong person, to your project
  manager at once. Some breaches must be reported to the regulator within 72 hours.""",
        "resource_type": "policy",
        "audiences": ["champions", "project_managers"],
        "skill_areas": ["safe_and_legal"],
        "topics": ["other"],
        "language": "en",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "device-lending-policy",
        "title": "Policy template: lending tablets and data SIMs",
        "summary": (
            "A lending policy to adapt: who can borrow, for how long, wiping devices between "
            "loans, IT permissions, and what happens if one is lost."
        ),
        "body": """Adapt this policy to your organisation, and agree it with whoever owns the
devices, usually IT or facilities, before the first loan.

## Who can borrow
Learners working with a champion who have no suitable device at home, or whose device cannot do
what they need. Priority goes to people at risk of missing out on health care, money or housing
because they cannot get online.

## How long
Up to eight weeks, renewable once if the learner is still working with a champion. Some
organisations give the device to the learner at the end; say here whether you do.

## Before each loan
- Reset the device to factory settings and install updates.
- Check the charger, case and any SIM are included.
- Record the loan in the session log as *device lent*, and on the device register with the
  serial number and return date.
- The learner signs a short agreement; read it through together.

## Data
If the learner has no home internet, offer a free data SIM from the National Databank or a data
voucher, and explain how much data it includes.

## On return
Help the learner move their photos and contacts to their own account first. Then reset the
device, in front of them if they would like to see their information removed.

## Lost, stolen or broken
We do not charge learners. They tell their champion, who tells the project manager, and we lock
the device remotely where we can.

## IT permissions
Agree in advance which apps can be installed, so that champions are not stuck waiting for
permission in the middle of a session.""",
        "resource_type": "policy",
        "audiences": ["project_managers"],
        "skill_areas": ["foundation"],
        "topics": ["device_setup"],
        "language": "en",
        "minutes": 8,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "recruiting-volunteers",
        "title": "Recruiting and keeping volunteer champions",
        "summary": (
            "Where to find volunteers, how to induct them, and what keeps them coming back after "
            "the first month."
        ),
        "body": """## Where to look
- **Past learners**: people who have just learned something are often the most patient teachers.
- **Tenants', residents' and patients' groups**.
- **Your own staff**: front-line staff already help people every day. Ask their managers to give
  them time.
- **Retired people**, through local volunteer centres.
- **Students**, through university volunteering offices and sixth forms.
- **Other members of the network**: ask how they found theirs.

## What to ask for
Patience and kindness first, digital skills second. The role description template in this
toolkit is written so as not to put off people who do not see themselves as "techy".

## A good first month
1. A welcome meeting and a tour of the venue.
2. The **New champion induction** pathway in this toolkit, including safeguarding and data
   protection.
3. Shadowing two sessions with an experienced champion.
4. A first session of their own, with someone nearby.
5. A check-in call after two weeks.

## What keeps them
- **Seeing their impact.** Share their figures from the portal: people helped, hours given,
  confidence rising. Volunteers who never hear what difference they made drift away.
- **Flexibility**: let people take a break and come back.
- **A specific thank-you**: "Mrs A. video-called her sister in Lahore for the first time because
  of you."
- **Each other**: a monthly get-together, even online.

## Noticing who has gone quiet
The portal shows champions who have not logged a session lately. A friendly phone call works
better than a reminder email on its own.""",
        "resource_type": "guide",
        "audiences": ["project_managers"],
        "skill_areas": ["problem_solving"],
        "topics": ["other"],
        "language": "en",
        "minutes": 10,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "reporting-to-your-board",
        "title": "Reporting impact to your board or funder",
        "summary": (
            "Turning the dashboard into a one-page story: reach, change, one learner's journey, "
            "honest problems, and what you will do next."
        ),
        "body": """Boards and funders rarely doubt that digital inclusion matters. What persuades
them is evidence that *your* programme works, told clearly. Aim for one page.

## Lead with people and reach
"Between April and September, 14 champions gave 312 hours of help to 205 people, 40% of them
aged over 65 and 30% disabled."

## Then show change
- Confidence before and after, and the average rise (distance travelled).
- Learners who came back for more than one session.
- Skill areas covered, against the Essential Digital Skills framework.
- Progression: people who moved on to a course, a job, or doing it on their own.

## One story
A short, consented case study says what numbers cannot: "Mr B. had not seen his granddaughter
for two years. He now video-calls her every Sunday." Ask permission, change identifying details,
and never use a real name without written consent.

## What it cost and what it saved
Cost per learner is a figure boards understand. If you can, link the help to your own
organisation's outcomes: rent paid online, missed appointments avoided, fewer calls to the
contact centre.

## Be honest about problems
Cancelled sessions, devices that never arrived, IT permissions that slowed things down. Say what
you did about them; it builds trust.

## What next
What you will do with more, the same or less resource. Funders fund plans.

The portal's board-ready report gives you reach, change and the charts; add the story, the costs
and the plan.""",
        "resource_type": "guide",
        "audiences": ["project_managers"],
        "skill_areas": ["handling_information"],
        "topics": ["other"],
        "language": "en",
        "minutes": 10,
        "external_url": "",
        "featured": True,
    },
    {
        "key": "measuring-confidence",
        "title": "Measuring confidence and distance travelled",
        "summary": (
            "Why before-and-after confidence scores and self-assessments persuade funders, and how"
            " to ask for them without making sessions feel like a test."
        ),
        "body": """## Why measure it
Hours and headcounts show you were busy. A change in confidence and skills shows that the help
worked, and it is what funders and boards ask for. It also helps champions see their own impact,
which keeps them going.

## Confidence in each session
Ask the same question at the start and at the end: "On a scale of 1 to 5, how confident do you
feel about doing this on your own?" Keep it light, as part of the conversation, and record both
numbers in the session log. A printed scale with words helps: 1 is "not at all", 3 is "with some
help", 5 is "on my own".

## Skills over time
At first contact, and again every few months, go through a self-assessment against the Essential
Digital Skills areas with the learner. The dashboard shows the change as distance travelled.

## Making it feel natural
- Never make it feel like a test. "There are no wrong answers" helps.
- Let learners score themselves, and do not correct them.
- Skip it if someone is upset or in a hurry, and note that you did.

## Reading the results honestly
- Some learners' confidence dips after a first session, when they realise how much there is to
  learn. That is progress too; say so in reports.
- A few learners with large rises can flatter an average. Report the share of learners whose
  confidence rose as well as the average rise.
- Compare like with like: the same months last year, or similar teams.""",
        "resource_type": "guide",
        "audiences": ["project_managers", "champions"],
        "skill_areas": ["problem_solving", "handling_information"],
        "topics": ["other"],
        "language": "en",
        "minutes": 8,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "welsh-scam-handout",
        "title": "Adnabod neges sgam",
        "summary": (
            "Taflen Gymraeg i'w hargraffu: pum arwydd neges destun neu e-bost sgam (scam), a beth "
            "i'w wneud."
        ),
        "body": """## Pum arwydd sgam
1. **Mae'n dweud bod rhaid i chi weithredu ar frys.** "Bydd eich cyfrif yn cau heddiw."
2. **Mae'n gofyn i chi glicio ar ddolen** neu ffonio rhif sydd yn y neges.
3. **Mae'n gofyn am god, cyfrinair neu fanylion banc.** Fydd eich banc byth yn gofyn am y rhain
   mewn neges destun neu e-bost.
4. **Mae enw'r anfonwr bron yn iawn**: cwmni parseli, CThEF neu'ch banc, ond gyda sillafu
   rhyfedd neu rif ffôn symudol cyffredin.
5. **Mae'n cynnig arian nad oeddech chi'n ei ddisgwyl**: ad-daliad treth, gwobr neu fargen.

## Beth i'w wneud
- Peidiwch â chlicio, ateb na ffonio'r rhif. Caewch y neges.
- Os ydych chi'n poeni, cysylltwch â'r cwmni eich hun, gan ddefnyddio'r rhif ar eich cerdyn neu
  ar eu gwefan swyddogol.
- Anfonwch negeseuon testun sgam ymlaen i **7726**. Mae am ddim.
- Anfonwch e-byst sgam ymlaen i **report@phishing.gov.uk**.

## Os ydych chi wedi rhoi manylion banc
Ffoniwch eich banc ar **159** ar unwaith.

Nid eich bai chi yw hyn. Mae sgamwyr yn glyfar iawn ac maen nhw'n twyllo pobl ofalus bob dydd.
Mae dweud wrth rywun yn helpu i'w hatal.""",
        "resource_type": "handout",
        "audiences": ["learners"],
        "skill_areas": ["safe_and_legal"],
        "topics": ["scams"],
        "language": "cy",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "welsh-nhs-app",
        "title": "Dechrau gydag Ap GIG Cymru",
        "summary": (
            "Canllaw Cymraeg byr: creu NHS login, archebu presgripsiwn a gweld manylion eich "
            "meddygfa yn Ap GIG Cymru."
        ),
        "body": """## Beth yw Ap GIG Cymru?
Ap am ddim gan GIG Cymru yw hwn. Gallwch ei ddefnyddio i archebu presgripsiynau rheolaidd, gweld
manylion eich meddygfa a threfnu rhai apwyntiadau, os yw eich meddygfa'n cynnig hynny.

## Bydd angen
- Ffôn clyfar neu lechen.
- Cyfeiriad e-bost a'ch ffôn symudol.
- Dogfen adnabod gyda llun, fel pasbort neu drwydded yrru.

## Camau
1. Lawrlwythwch Ap GIG Cymru o'r siop apiau. Gwnewch yn siŵr mai GIG Cymru sydd wedi'i wneud.
2. Crëwch gyfrif NHS login gyda'ch cyfeiriad e-bost.
3. Rhowch y cod sy'n cyrraedd eich ffôn.
4. Profwch pwy ydych chi: tynnwch lun o'ch dogfen adnabod a fideo byr o'ch wyneb. Weithiau mae
   hyn yn cymryd diwrnod neu ddau.
5. Dewiswch ffordd gyflym o fewngofnodi y tro nesaf, fel olion bysedd neu god.

## Os nad yw'n gweithio
Gall eich meddygfa wirio pwy ydych chi wyneb yn wyneb a rhoi'r manylion i chi i orffen creu'r
cyfrif.

## Nodyn i Hyrwyddwyr Digidol
Peidiwch byth â chadw cyfrinair y dysgwr. Gadewch iddyn nhw deipio eu hunain, ac edrychwch i
ffwrdd.""",
        "resource_type": "guide",
        "audiences": ["learners", "champions"],
        "skill_areas": ["transacting"],
        "topics": ["nhs_app"],
        "language": "cy",
        "minutes": 10,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "polish-video-calls",
        "title": "Rozmowy wideo z rodziną",
        "summary": (
            "Ulotka po polsku do wydruku: jak odebrać i wykonać rozmowę wideo w WhatsAppie i co "
            "zrobić, gdy coś nie działa."
        ),
        "body": """## Przed rozmową
- Naładuj telefon albo podłącz go do ładowarki.
- Jeśli możesz, połącz się z Wi-Fi. Rozmowy wideo zużywają dużo danych komórkowych.
- Usiądź w cichym miejscu, twarzą do światła.

## Odbieranie rozmowy
Gdy dzwoni rozmowa wideo, dotknij **zielonego** przycisku (w niektórych telefonach trzeba go
przesunąć). Trzymaj telefon na wysokości twarzy, na długość ręki.

## Dzwonienie przez WhatsApp
1. Otwórz WhatsApp.
2. Dotknij imienia osoby, do której chcesz zadzwonić.
3. Dotknij ikony **kamery** u góry ekranu.

## Gdy nie słychać dźwięku
Sprawdź, czy ikona mikrofonu nie jest przekreślona. Jeśli jest, dotknij jej. Zwiększ głośność
przyciskami z boku telefonu.

## Gdy nie widać obrazu
Sprawdź, czy ikona kamery nie jest przekreślona, i czy palec nie zasłania aparatu.

## Gdy obraz się zawiesza
Podejdź bliżej routera Wi-Fi albo zakończ rozmowę i zadzwoń jeszcze raz.

## Koniec rozmowy
Dotknij **czerwonego** przycisku.

Ta ulotka jest też dostępna po angielsku ("Video calls with family"). Twój Digital Champion
chętnie pomoże.""",
        "resource_type": "handout",
        "audiences": ["learners"],
        "skill_areas": ["communicating"],
        "topics": ["video_calls"],
        "language": "pl",
        "minutes": 5,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "urdu-online-shopping",
        "title": "آن لائن خریداری محفوظ طریقے سے",
        "summary": (
            "An Urdu and English bilingual handout on checking an online shop is genuine, paying "
            "safely and avoiding delivery scams."
        ),
        "body": """## About this handout
This is a bilingual handout: Urdu on one side, English on the other, so that a learner and a
champion can read the same advice together. The title means "Shopping online safely". Print it
double-sided. If you do not read Urdu, read the English side aloud while the learner follows the
Urdu; the numbered points match.

## The English side
1. **Use shops you know**, or check reviews on another website before you buy.
2. **Type the shop's address yourself** instead of tapping a link in a text, an email or an
   advert.
3. **Pay by card or PayPal**, never by bank transfer to someone you do not know.
4. **Very cheap prices** on phones, trainers or gold are a warning sign.
5. **Delivery texts asking for a fee** are usually scams. Check on the shop's own website.
6. **Keep the order email** until your parcel arrives.
7. **If something goes wrong**, contact the shop, then your bank. Ring **159** if you think you
   have been scammed.

## Using it with learners
Many learners shop and send money confidently in apps in their first language, but feel less
sure reading warnings in English. Ask which language they prefer rather than assuming. Family
members often translate; where a learner's money is involved, let the learner decide what is
shared. If language was a barrier, record it in the session log, so your programme can show the
need for translated materials.""",
        "resource_type": "handout",
        "audiences": ["learners", "champions"],
        "skill_areas": ["transacting", "safe_and_legal"],
        "topics": ["online_shopping", "scams"],
        "language": "ur",
        "minutes": 7,
        "external_url": "",
        "featured": False,
    },
    {
        "key": "accessibility-video",
        "title": "Video: magnifier and read-aloud on a phone",
        "summary": (
            "A short video showing the magnifier, bigger text and screen-reading features, for "
            "learners with sight loss."
        ),
        "body": """This short video from RNIB, the charity for blind and partially sighted people,
shows the magnifier and read-aloud features built into phones. Show it before
changing the settings on someone's phone, so they know what each feature does and
can choose for themselves.

## What it covers
- The **magnifier**, which uses the camera to make small print bigger, with a light for dark
  rooms.
- Making **text and icons bigger** across the whole phone.
- **Read-aloud** features: Select to Speak and TalkBack on Android, Speak Screen and VoiceOver
  on iPhone.
- How to turn each feature off again.

## Using it in a session
1. Ask what the learner finds hard: reading labels, reading messages, or seeing the screen at
   all.
2. Watch the part of the video that matches, and let the learner decide whether to carry on.
3. Try one feature on their own phone for a few minutes.
4. Write down, in large print, how to turn it on and off.

## Be careful with screen readers
TalkBack and VoiceOver change how every tap and swipe works. Practise turning them off before
turning them on, and only leave them on if the learner wants to keep learning. RNIB and
AbilityNet offer further specialist support.

## Also useful
RNIB's helpline can advise on accessible technology, and many local sight loss charities run
technology sessions.""",
        "resource_type": "video",
        "audiences": ["champions", "learners"],
        "skill_areas": ["foundation"],
        "topics": ["accessibility", "device_setup"],
        "language": "en",
        "minutes": 4,
        "external_url": (
            "https://www.rnib.org.uk/living-with-sight-loss/assistive-aids-and-technology/"
        ),
        "featured": False,
    },
    {
        "key": "abilitynet-link",
        "title": "AbilityNet: free help with technology for disabled people",
        "summary": (
            "Free factsheets, a helpline and volunteer home visits for older and disabled people, "
            "and the My Computer My Way guides."
        ),
        "body": """AbilityNet is a UK charity that helps older and disabled people use technology to
reach their goals at home, at work and in education. It is a good place to
signpost when a learner's needs go beyond what you can set up in a session.

## What they offer
- **Free IT support**: volunteers who help at home, by phone or by connecting remotely, for
  older and disabled people.
- **A free helpline** for questions about technology and disability.
- **Factsheets** on using a computer with sight loss, dyslexia or limited hand movement, and
  more.
- **My Computer My Way**: step-by-step guides to the accessibility settings on common devices,
  from bigger text to voice control.

## When to signpost
- The learner needs specialist equipment or software, such as a screen reader or switch access.
- Adjustments are needed at work: AbilityNet can advise on workplace assessments and Access to
  Work.
- You have tried the settings in the toolkit guide and they are not enough.

## How to signpost well
Look at the website together and find the right service. Offer to help the learner make the
first call or fill in the request form. Record the signposting in the session log, with a
follow-up to ask how it went.

## For project managers
AbilityNet's guides are useful in champion training too: half an hour exploring My Computer My
Way builds any champion's confidence with accessibility settings.""",
        "resource_type": "link",
        "audiences": ["champions", "project_managers"],
        "skill_areas": ["foundation", "problem_solving"],
        "topics": ["accessibility"],
        "language": "en",
        "minutes": 5,
        "external_url": "https://abilitynet.org.uk/",
        "featured": False,
    },
]

COLLECTIONS = [
    {
        "key": "new-champion-induction",
        "title": "New champion induction",
        "summary": (
            "Everything a new Digital Champion needs before their first session, in order: "
            "safeguarding, data protection, consent, and a first session that goes well. About an "
            "hour in all."
        ),
        "is_pathway": True,
        "badge_name": "Inducted champion",
        "featured": True,
        "steps": [
            "safeguarding-note",
            "data-protection-note",
            "consent-script-template",
            "first-session-new-device",
            "session-plan-template",
            "when-it-goes-wrong",
            "measuring-confidence",
        ],
    },
    {
        "key": "accessibility-need",
        "title": "Helping someone with an accessibility need",
        "summary": (
            "Settings, features and services for learners with sight, hearing, movement or memory "
            "needs, and when to call in specialist help."
        ),
        "is_pathway": True,
        "badge_name": "Accessibility aware",
        "featured": True,
        "steps": [
            "accessibility-settings-phones",
            "accessibility-video",
            "first-session-new-device",
            "connecting-to-wifi",
            "abilitynet-link",
        ],
    },
    {
        "key": "staying-safe-pathway",
        "title": "Staying safe online",
        "summary": (
            "Be ready to help anyone with scam texts and calls, passwords, safe shopping and safe "
            "browsing, then run a group session on it."
        ),
        "is_pathway": True,
        "badge_name": "Scam buster",
        "featured": False,
        "steps": [
            "spotting-scam-texts",
            "scam-phone-calls",
            "strong-passwords-three-words",
            "shopping-online-safely",
            "ncsc-cyber-aware",
            "lesson-staying-safe-online",
        ],
    },
    {
        "key": "running-a-group-session",
        "title": "Running a group session",
        "summary": (
            "Lesson plans with timings, and a poster to fill the room, for groups of four to ten "
            "learners."
        ),
        "is_pathway": False,
        "badge_name": "",
        "featured": False,
        "steps": [
            "poster-template",
            "lesson-using-a-tablet",
            "lesson-video-calls",
            "lesson-staying-safe-online",
            "lesson-online-banking",
            "lesson-solving-problems",
        ],
    },
    {
        "key": "for-project-managers",
        "title": "For project managers: running a programme",
        "summary": (
            "Recruiting and keeping champions, lending devices, handling data well, and showing "
            "your impact to a board or funder."
        ),
        "is_pathway": False,
        "badge_name": "",
        "featured": False,
        "steps": [
            "recruiting-volunteers",
            "volunteer-role-description",
            "device-lending-policy",
            "data-protection-note",
            "measuring-confidence",
            "reporting-to-your-board",
            "case-study-housing-hubs",
        ],
    },
]
