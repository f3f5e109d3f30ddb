import { MAX_INVITATIONS, MAX_PARTICIPANTS, MAX_WINDOW_MINUTES, MIN_WINDOW_MINUTES } from '../../../common/api/consultations';
import { MAX_FILE_BYTES } from '../../call/files';
import type { HelpContent } from './types';

const fileLimitMb = Math.round(MAX_FILE_BYTES / (1024 * 1024));

/** Our own help texts (English): the same questions, ids and order as de.ts. */
export const helpEn: HelpContent = {
  groups: [
    {
      id: 'patients',
      title: 'For patients',
      intro: 'You have been invited to a video consultation? Here is how it works and what to do when something does not.',
      questions: [
        {
          id: 'join',
          question: 'How do I join a video consultation?',
          paragraphs: [
            'Your practice sends you an e-mail or text message with a link. Open the link at the agreed time on your smartphone, tablet or computer. You need no account and no password, and you do not install anything.',
          ],
          list: [
            'Enter your full name – everyone in the call sees it – and consent to your data being processed for the consultation.',
            'Allow your browser to use the camera and microphone, and check your picture and sound.',
            'You then wait in the waiting room until the practice lets you in. The call starts by itself.',
          ],
          keywords: ['invitation', 'link', 'sign in', 'app', 'account'],
        },
        {
          id: 'link',
          question: 'My link does not work. What now?',
          paragraphs: [
            'Each link is valid only during a period the practice chooses. If you open it too early, the page says when it becomes valid; just leave it open and it continues by itself at the appointment time.',
            'If the link has expired or been revoked, or the consultation has already ended, it can no longer be used. Please ask your practice for a new link; we cannot send links ourselves.',
          ],
          keywords: ['expired', 'invalid', 'too early', 'appointment'],
        },
        {
          id: 'browsers',
          question: 'Which devices and browsers can I use?',
          paragraphs: [
            'Sprechzimmer runs in the browser: on an iPhone or iPad preferably in Safari, on Android devices in Chrome, on a computer in current versions of Chrome, Edge, Firefox or Safari. Keep your browser up to date.',
            'If the link opens inside another app, such as the built-in browser of a messenger or e-mail app, the camera and microphone often do not work there. Use “Open in browser” to open it in Safari or Chrome.',
            'You need a camera, a microphone and speakers or headphones – smartphones, tablets and laptops have them built in – and a stable internet connection, preferably Wi-Fi.',
          ],
          keywords: [
            'smartphone',
            'mobile',
            'phone',
            'tablet',
            'computer',
            'laptop',
            'iPhone',
            'Android',
            'Chrome',
            'Safari',
            'Firefox',
            'Edge',
            'Internet Explorer',
          ],
        },
        {
          id: 'camera',
          question: 'How do I allow the camera and microphone?',
          paragraphs: [
            'The first time, your browser asks whether Sprechzimmer may use the camera and microphone. Tap or click “Allow”. If you declined by mistake, allow access again like this, then reload the page:',
          ],
          list: [
            'iPhone and iPad (Safari): tap “aA” in the address bar → “Website Settings” → set Camera and Microphone to “Allow”. Or: Settings → Apps → Safari → Camera or Microphone.',
            'Android (Chrome): tap the icon left of the address → “Permissions” → allow Camera and Microphone. If that does not help: Android Settings → Apps → Chrome → Permissions.',
            'Chrome and Edge on a computer: click the icon in front of the address and set Camera and Microphone to “Allow”.',
            'Firefox: click the crossed-out camera or microphone icon in the address bar and remove the block.',
            'Safari on a Mac: menu “Safari” → “Settings” → “Websites” → “Camera” and “Microphone” → “Allow” for this website.',
            'If it still does not work, your operating system may be blocking access: macOS: System Settings → Privacy & Security → Camera or Microphone; Windows: Settings → Privacy → Camera or Microphone.',
          ],
          keywords: ['permission', 'blocked', 'access', 'webcam', 'allow'],
        },
        {
          id: 'waiting-room',
          question: 'What does the waiting room mean?',
          paragraphs: [
            'As at the practice, you first wait in the waiting room. The practice sees that you are there and lets you in when it is ready. Nobody sees or hears you while you wait, and you do not see anyone either.',
            'Keep the page open; the call starts by itself. The practice can send you short messages, for example that it will take a few more minutes. Meanwhile you can check your camera and microphone again.',
          ],
          keywords: ['wait', 'let in', 'admit', 'waiting time'],
        },
        {
          id: 'no-sound',
          question: 'I cannot hear anything, or nobody can hear me.',
          paragraphs: [
            'Check that your device’s volume is up and whether headphones are connected that you are not wearing (Bluetooth too). In the device check, and during the call under “Devices”, “Test speaker” plays a short tune, and a bar shows whether your microphone hears you.',
            'If your picture shows “Microphone off”, turn it back on with “Turn microphone on”. If the page says “Your browser has paused the sound” or “Sound is off until you tap the page once”, tap “Tap to hear”. If another program is using your microphone, for example another video conference, close it.',
          ],
          keywords: ['sound', 'audio', 'speaker', 'microphone', 'quiet', 'mute', 'headphones', 'hear'],
        },
        {
          id: 'no-picture',
          question: 'I see no picture.',
          paragraphs: [
            'If you cannot see yourself, check that the camera is allowed (see [allowing the camera and microphone](/help#camera)), that it is on (“Turn camera on”) and that no other program is using it. Under “Devices” you can choose another camera.',
            'If you cannot see the other person, they may have turned their camera off – their name then shows “Camera off”. On a weak connection the picture may freeze for a moment; see [bad connection](/help#connection).',
          ],
          keywords: ['video', 'black', 'camera', 'picture'],
        },
        {
          id: 'echo',
          question: 'There is an echo or a whistling sound.',
          paragraphs: [
            'Usually sound from a speaker gets back into a microphone. Headphones help best. If two devices in the same room are in the consultation, turn off the microphone and sound on one of them or leave the call with one. Otherwise turn the volume down a little.',
          ],
          keywords: ['echo', 'feedback', 'whistle', 'double'],
        },
        {
          id: 'connection',
          question: 'The connection is bad or drops.',
          paragraphs: [
            'Each picture shows “Connection good”, “fair” or “poor”; click it for details. If the connection drops, Sprechzimmer restores it by itself and keeps your place in the call for a while. If you reload the page, you are back in the same browser window without waiting again – but the chat and files are lost.',
          ],
          list: [
            'Move closer to your Wi-Fi router, or use Wi-Fi instead of mobile data.',
            'Close other programs, downloads or videos that use the internet.',
            'Turn your camera off: the call then needs much less data.',
            'If the connection test says “Blocked”, your network (often a company or guest Wi-Fi) does not let calls through: switch to mobile data or your Wi-Fi at home. You can run the test from your invitation link before the appointment.',
          ],
          keywords: ['slow', 'stutters', 'freezes', 'dropped', 'internet', 'Wi-Fi', 'reload', 'connection test', 'blocked', 'firewall'],
        },
        {
          id: 'screen-sharing',
          question: 'Can I show my screen?',
          paragraphs: [
            'Yes, on a computer: “Share screen” lets you choose the whole screen, a window or a browser tab; “Stop sharing” ends it. On smartphones and tablets browsers usually do not offer this – the button is then missing. Send a photo or document in the chat instead.',
          ],
          keywords: ['screen', 'share', 'show', 'presentation'],
        },
        {
          id: 'chat-files',
          question: 'Are the chat and files stored?',
          paragraphs: [
            `No. Messages and files (up to ${fileLimitMb} MB each) go encrypted directly to the other participants and live only in their browsers, not on our servers. Whoever reloads or closes the page loses them; the page warns first.`,
            'To keep something, download received files or save the chat with “Save chat as PDF” – this also works after the call has ended, as long as the page is open.',
          ],
          keywords: ['message', 'file', 'document', 'photo', 'PDF', 'save', 'report'],
        },
        {
          id: 'safety-code',
          question: 'What is the safety code in a call?',
          paragraphs: [
            'At the top left of every video there is "Safety code". Tap it: you see eight words and the same number in digits. The other person sees a code for their connection to you. Read the words (or the digits, if your pages show different languages) to each other.',
            'If they match, your call is encrypted from browser to browser and no one sits in between — not even someone who controls our server. Both browsers compute the code from the keys the connection really uses; our server does not know it and stores nothing of it.',
            'If they do not match, end the call and phone the practice. When the connection is re-established the code may change; it then says "New code", and you compare again.',
            "What the code does not prove: that your device or the other person's is free of malware, or that no one in the room is listening.",
          ],
          keywords: ['safety code', 'encryption', 'eavesdropping', 'words', 'digits', 'listening'],
        },
        {
          id: 'switch-device',
          question: 'Can I switch to another device?',
          paragraphs: [
            'Yes. Open the link from your invitation on the other device. The call continues there; the first device shows “Opened in another window”. The chat and files do not come along.',
          ],
          keywords: ['phone', 'computer', 'switch', 'another window'],
        },
        {
          id: 'leave',
          question: 'How do I leave the consultation?',
          paragraphs: [
            'Tap “Leave” and confirm with “Yes, leave”; in the waiting room the button is called “Leave the waiting room”. Afterwards “Join again” takes you back while your link is valid – you first come to the waiting room again.',
            'Leaving also withdraws your consent for this consultation. The details from your invitation are deleted when the practice ends the consultation.',
          ],
          keywords: ['end', 'hang up', 'back', 'join again'],
        },
      ],
    },
    {
      id: 'practices',
      title: 'For practices',
      intro: 'For doctors, therapists and their practice team: inviting, the waiting room, working together and your data.',
      questions: [
        {
          id: 'register',
          question: 'How do I register myself or my practice?',
          paragraphs: [
            'Individual doctors, therapists and counsellors create their own account under [Create an account](/register). A practice or clinic is registered by its representative under [Register a practice](/register/organization), who then invites colleagues and the practice team. Both confirm the e-mail address by a link.',
          ],
          keywords: ['account', 'registration', 'organisation', 'clinic', 'representative', 'member'],
        },
        {
          id: 'invite',
          question: 'How do I invite patients?',
          paragraphs: [
            `Under “Start a video appointment” choose “Now” or a later start and how long the link stays valid (${MIN_WINDOW_MINUTES} minutes to ${MAX_WINDOW_MINUTES / 60} hours). Give each guest a name and an e-mail address, a mobile number or both – up to ${MAX_INVITATIONS} guests per appointment. Sprechzimmer sends the invitation by e-mail or text message.`,
            'The appointment’s card shows whether the invitation was delivered and where the guest is right now. There you can send a link again, revoke an invitation or invite more guests.',
          ],
          keywords: ['invitation', 'e-mail', 'SMS', 'text message', 'link', 'appointment', 'guest'],
        },
        {
          id: 'admit',
          question: 'How do the waiting room and admitting work?',
          paragraphs: [
            'Whoever opens the link enters a name, consents and comes to the waiting room. In the consultation room you then hear a chime and see the name; “Let in” starts the call, “Decline” does not. You can send waiting guests a short message, also one of the prepared replies.',
            'The dashboard shows who is waiting too. During the call you can invite more guests, remove someone from the call and end the consultation for everyone.',
          ],
          keywords: ['waiting room', 'let in', 'admit', 'decline', 'message', 'wait'],
        },
        {
          id: 'staff',
          question: 'What may the practice staff do?',
          paragraphs: [
            'The role “Practice staff” is for the front desk: they set up video appointments for a doctor or therapist of the practice, see the practice’s open consultations, let waiting guests in, decline them or send them a message. They do not take part in the call itself and have no access to the consultation room.',
            'The representative invites people under “Organisation” and chooses the role “Member” (holds their own consultations) or “Practice staff”.',
          ],
          keywords: ['front desk', 'reception', 'role', 'staff', 'assistant'],
        },
        {
          id: 'colleagues',
          question: 'How do I call colleagues?',
          paragraphs: [
            'In an organisation, doctors, therapists and other members see all their colleagues under “Contacts” with their status (online, in a call, away) and call them directly. A call rings on every Sprechzimmer page the person has open; they answer or decline. Colleagues join the call without a waiting room. Practice staff neither call nor get called.',
          ],
          keywords: ['colleague', 'call', 'internal', 'contacts', 'status', 'online'],
        },
        {
          id: 'participants',
          question: 'How many people can take part in a call?',
          paragraphs: [
            `At most ${MAX_PARTICIPANTS} people at once, you included – for example a patient, a relative and an interpreter. Everyone sees and hears everyone and shares one chat and files. When the call is full, any further guest stays in the waiting room and is told so; you see a notice and can let them in as soon as someone has left.`,
          ],
          keywords: ['group', 'conference', 'number', 'full', 'relative', 'several'],
        },
        {
          id: 'contacts',
          question: 'How do I save contacts?',
          paragraphs: [
            'Only when you choose to: when inviting with “Save to my contacts”, on the appointment’s card or after the call with “Save to contacts”, or under “Contacts” with “Add a contact”. You invite saved contacts again with one click and change or delete them at any time. All other guest data is deleted when the consultation ends.',
          ],
          keywords: ['contact', 'address book', 'save patient'],
        },
        {
          id: 'activity',
          question: 'What does the “Activity” page show?',
          paragraphs: [
            'Your ended video appointments: date, time, duration, the participants’ names and whether they were invited by e-mail or text message – no content. An organisation’s representative sees those of every member and can filter by member and period. How long these details are kept is stated in the [privacy policy](/privacy).',
          ],
          keywords: ['log', 'documentation', 'billing', 'history', 'duration'],
        },
        {
          id: 'chat-pdf',
          question: 'Can I keep the chat?',
          paragraphs: [
            'We do not store it. Everyone can download it during and after the call with “Save chat as PDF”. As the host you can also have it sent as a PDF to your own e-mail address; the server only passes it on and keeps nothing.',
          ],
          keywords: ['PDF', 'chat', 'documentation', 'e-mail', 'record'],
        },
        {
          id: 'encryption',
          question: 'How is Sprechzimmer encrypted?',
          paragraphs: [
            'Picture, sound, chat and files go by WebRTC directly from device to device and are end-to-end encrypted (DTLS-SRTP); our server only helps set up the connection. Where a direct connection is not possible, a relay server forwards the already encrypted packets without being able to read them.',
            'The connection to the website is encrypted with HTTPS. Names, dates of birth, addresses, phone numbers and e-mail addresses are stored encrypted in the database (AES-256-GCM); passwords only as a bcrypt hash.',
          ],
          keywords: ['security', 'end-to-end', 'E2E', 'HTTPS', 'peer-to-peer', 'database'],
        },
        {
          id: 'anlage-31b',
          question: 'Does Sprechzimmer meet the German rules for video consultations (Anlage 31b BMV-Ä)?',
          paragraphs: [
            'Sprechzimmer is built to these rules: calls are peer-to-peer and end-to-end encrypted, the provider can neither see nor store content, and nothing is recorded. Metadata is deleted after three months at the latest, used only to run the consultation and not shared with third parties. There is no advertising, a virtual waiting room where the practice admits each person, everyone takes part under their name, and patients need neither an account nor an installation.',
            'Evidence for your Kassenärztliche Vereinigung comes from the operator of this service; write to us using the [contact form](/contact).',
          ],
          keywords: ['KBV', 'certificate', 'certification', 'billing', 'video service provider'],
        },
        {
          id: 'my-data',
          question: 'How do we export or delete our data?',
          paragraphs: [
            'When logged in, [My data](/my-data) (also linked from “Profile”) shows everything Sprechzimmer has stored about you, with purpose, legal basis, retention and recipients. There you download it all as a JSON file, correct details, restrict processing or delete your account.',
            'An organisation’s representative can delete the whole organisation there with all its people; everyone is told by e-mail. The representative’s own account alone can be deleted only once nobody else belongs to the organisation.',
          ],
          keywords: ['export', 'download', 'delete', 'delete account', 'cancel', 'GDPR', 'access'],
        },
      ],
    },
    {
      id: 'privacy',
      title: 'Privacy',
      intro: 'In short: what is said in a call never reaches our servers. The privacy policy is complete and binding.',
      questions: [
        {
          id: 'stored',
          question: 'What does Sprechzimmer store, and for how long?',
          paragraphs: [
            'Only what accounts, invitations and the record of appointments need – never picture, sound, chat or files. Exactly which data, for what and for how long is listed in the [privacy policy](/privacy). It is generated from the same list our deletion jobs follow, so it is always current.',
          ],
          keywords: ['retention', 'deletion', 'storage period', 'data'],
        },
        {
          id: 'guest-data',
          question: 'What happens to my data as a patient?',
          paragraphs: [
            'The practice enters your name and e-mail address or mobile number so that you receive the invitation. These details are deleted when the consultation ends – unless the practice explicitly saves you as a contact. In its activity record the practice keeps when the call took place, how long it lasted and who took part (names only); the [privacy policy](/privacy) states for how long.',
            'In the call the others see only your name, no e-mail address and no phone number.',
          ],
          keywords: ['guest', 'invitation', 'name', 'phone number', 'delete'],
        },
        {
          id: 'recording',
          question: 'Is the call recorded?',
          paragraphs: [
            'No. Sprechzimmer has no recording function, and picture and sound do not pass through our servers but go directly between the devices.',
          ],
          keywords: ['recording', 'record', 'save video'],
        },
        {
          id: 'ip-address',
          question: 'Is my IP address stored?',
          paragraphs: [
            'No, neither in the database nor in logs. With a direct connection the devices of the people in a call technically learn each other’s internet address; the operator can route all calls through the relay server, and then they do not.',
          ],
          keywords: ['IP', 'internet address', 'logs', 'tracking'],
        },
        {
          id: 'cookies',
          question: 'Which cookies does Sprechzimmer use?',
          paragraphs: [
            'Only strictly necessary ones: for your login, to protect forms and for your place as a guest. There is no advertising and no content from other servers. Only if the operator has set up visitor statistics does a banner ask for your consent; nothing is loaded for it before, and you can withdraw at any time under “Cookie settings” at the bottom of the page. The list of all cookies is in the [privacy policy](/privacy).',
          ],
          keywords: ['cookie', 'tracking', 'statistics', 'analytics', 'consent'],
        },
        {
          id: 'rights',
          question: 'How do I get access to my data or have it deleted?',
          paragraphs: [
            'With an account you do this yourself under [My data](/my-data). As a guest without an account – or if you have questions – write to us using the [contact form](/contact) or to the privacy contact named in the [privacy policy](/privacy).',
          ],
          keywords: ['access', 'erasure', 'GDPR', 'objection', 'rights', 'data protection officer'],
        },
      ],
    },
  ],
};
