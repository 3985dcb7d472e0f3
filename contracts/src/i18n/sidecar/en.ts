// English, the sidecar's messages (plugnmeet.help, plugnmeet.reply.*, plugnmeet.failure.*,
// plugnmeet.post.*, plugnmeet.topic.*): the source of their ids. ICU MessageFormat as
// intl-messageformat reads it; markdown, as Mattermost renders posts.
const en = {
    // The sidecar: answers only the asker sees (their locale).
    'plugnmeet.help': '**plugNmeet video meetings**\n' +
        '- `/plugnmeet` or `/plugnmeet [topic]`: start a meeting in this channel\n' +
        '- `/plugnmeet join`: get your personal link to this channel\'s live meeting\n' +
        '- `/plugnmeet end`: end this channel\'s live meeting (only the person who started it or a system admin can)\n' +
        '- `/plugnmeet recordings`: list this channel\'s recordings, with your personal download links\n' +
        '- `/plugnmeet help`: show this help\n' +
        'You can also start a meeting with the camera button in the channel header, and join one with the Join button on its card.\n' +
        'Advanced: `/plugnmeet start [topic]` for a topic that begins with one of the words above; `/plugnmeet join [meeting id]`; `/plugnmeet recordings [recording id]`.',
    'plugnmeet.reply.topic_too_long': 'That topic is {length} characters long; keep it to {max} characters or fewer.',
    'plugnmeet.reply.started': 'You started **{topic}**; it opens in a new window.',
    'plugnmeet.reply.joining': 'You are joining **{topic}**; it opens in a new window.',
    'plugnmeet.reply.open_link_label': 'Open the meeting',
    'plugnmeet.reply.open_link': '{link} (your personal link, valid for a few minutes; do not share it)',
    'plugnmeet.reply.not_a_meeting_id': 'That is not a meeting id. Use `/plugnmeet join` to join this channel\'s live meeting.',
    'plugnmeet.reply.no_such_meeting': 'There is no meeting with that id in this channel. Use `/plugnmeet join` to join this channel\'s live meeting.',
    'plugnmeet.reply.no_live_meeting': 'There is no live meeting in this channel. Start one with `/plugnmeet [topic]`.',
    'plugnmeet.reply.nothing_to_end': 'There is no live meeting in this channel to end.',
    'plugnmeet.reply.ended': 'You ended **{topic}**.',
    'plugnmeet.reply.not_a_recording_id': 'That is not a recording id. Use `/plugnmeet recordings` to list this channel\'s recordings.',
    'plugnmeet.reply.no_such_recording': 'There is no recording with that id in this channel. Use `/plugnmeet recordings` to list this channel\'s recordings.',
    'plugnmeet.reply.no_recordings': 'This channel has no recordings yet.',
    'plugnmeet.reply.recordings': '**Recordings in this channel** (personal links, valid for a short time):',
    'plugnmeet.reply.recording_line': '- {date} UTC, {size}: {link}',
    'plugnmeet.reply.recording_link_label': 'download',
    'plugnmeet.reply.recordings_more': '({count, plural, one {# older recording} other {# older recordings}} not shown.)',
    'plugnmeet.reply.already_live': 'A meeting is already live in this channel: **{topic}**, started by {name}. Join it with the Join button on its card or with `/plugnmeet join`.',
    'plugnmeet.reply.already_starting': 'A meeting is starting in this channel: **{topic}**, started by {name}. Join it with the Join button on its card or with `/plugnmeet join`.',
    'plugnmeet.reply.start_failed': 'Could not start the meeting: {reason}',
    'plugnmeet.reply.start_failed_post': 'Could not start the meeting: posting the meeting card in Mattermost failed. Try again; if it keeps failing, ask your system admin to check the plugNmeet bot account.',
    'plugnmeet.reply.still_starting': 'This meeting is still starting. Try again in a moment.',
    'plugnmeet.reply.meeting_ended': 'The meeting **{topic}** has ended. Start a new one with `/plugnmeet`.',
    'plugnmeet.reply.join_failed': 'Could not join the meeting: {reason}',
    'plugnmeet.reply.end_not_allowed': 'Only {name}, who started this meeting, or a system admin can end it.',
    'plugnmeet.reply.end_failed': 'Could not end the meeting: {reason}',
    'plugnmeet.reply.recording_gone': 'That recording is not available any more.',
    'plugnmeet.reply.download_failed': 'Could not get a download link: {reason}',
    'plugnmeet.reply.list_failed': 'Could not list recordings: {reason}',
    'plugnmeet.reply.other_team': 'This channel belongs to a different team from the one the command came from; nothing was done.',
    'plugnmeet.reply.out_of_date_join': 'This card is out of date. Use `/plugnmeet join` in this channel to join its live meeting.',
    'plugnmeet.reply.out_of_date_download': 'This card is out of date. Use `/plugnmeet recordings` in this channel for your download links.',
    'plugnmeet.reply.out_of_date_start': 'This card is out of date. Use `/plugnmeet` in this channel to start a meeting.',
    'plugnmeet.reply.unknown_meeting': 'This meeting is no longer known to the plugNmeet service.',
    'plugnmeet.reply.download_link': 'Your download link for the recording of **{topic}**: {link} (personal, valid for a short time)',
    'plugnmeet.reply.join_link_label': 'Join the meeting',
    'plugnmeet.reply.join_link': 'Your personal link to **{topic}**: {link} (valid for a few minutes; do not share it)',
    'plugnmeet.reply.already_open': 'A meeting is already open in this channel: **{topic}**. Join it from its card.',
    'plugnmeet.reply.started_again': 'You started **{topic}** again: {link} (your personal link, valid for a few minutes; do not share it)',
    'plugnmeet.reply.missing_user': 'This request is missing the user or channel; run `/plugnmeet` from a channel in Mattermost.',
    'plugnmeet.reply.too_fast': 'Too many plugNmeet requests from you in a short time. Wait {seconds, plural, one {# second} other {# seconds}} and try again.',
    'plugnmeet.reply.failed': 'Something went wrong on the plugNmeet service. Try again; if it keeps failing, tell your system admin.',
    'plugnmeet.failure.unreachable': 'the meeting server (plugNmeet) is not reachable right now. Try again in a minute; if it keeps failing, tell your system admin.',
    'plugnmeet.failure.error': 'the meeting server (plugNmeet) reported an error. Try again in a minute; if it keeps failing, tell your system admin.',

    // The sidecar: posts everyone in the channel sees (the starter's locale).
    'plugnmeet.post.card_message': '{name} started a meeting: {topic}',
    'plugnmeet.post.live_text': 'Live now · {count, plural, one {# participant} other {# participants}} · started by {name}. Tap **Join** for your personal link.',
    'plugnmeet.post.ended_fallback': '{topic}: the meeting ended after {duration}.',
    'plugnmeet.post.ended_text': 'Meeting ended after {duration} · peak: {count, plural, one {# participant} other {# participants}} · started by {name}',
    'plugnmeet.post.refresh': 'Refresh',
    'plugnmeet.post.recording_message': 'Recording of {topic} ({size})',
    'plugnmeet.post.recording_title': 'Recording: {topic}',
    'plugnmeet.post.recording_text': '{size} · tap **Download** for your personal link',
    'plugnmeet.post.end_notice': 'The meeting **{topic}**, started by {name}, ended after {duration}.',
    'plugnmeet.post.end_notice_by_starter': '{name} ended the meeting **{topic}** after {duration}.',
    'plugnmeet.post.end_notice_by_other': '{ender} ended the meeting **{topic}**, started by {name}, after {duration}.',
    'plugnmeet.topic.channel': '~{channel} meeting',
    'plugnmeet.topic.person': '{name}\'s meeting',
} as const;

export default en;
