// German (du, gender-neutral: "Person/Personen", "Systemadministration").
import type {SidecarCatalogue} from '../types.js';

const de: SidecarCatalogue = {
    'plugnmeet.help': '**plugNmeet-Videobesprechungen**\n' +
        '- `/plugnmeet` oder `/plugnmeet [Thema]`: eine Besprechung in diesem Kanal starten\n' +
        '- `/plugnmeet join`: deinen persönlichen Link zur laufenden Besprechung dieses Kanals erhalten\n' +
        '- `/plugnmeet end`: die laufende Besprechung dieses Kanals beenden (nur die Person, die sie gestartet hat, oder die Systemadministration)\n' +
        '- `/plugnmeet recordings`: die Aufzeichnungen dieses Kanals mit deinen persönlichen Download-Links anzeigen\n' +
        '- `/plugnmeet help`: diese Hilfe anzeigen\n' +
        'Du kannst eine Besprechung auch mit der Kamera-Schaltfläche in der Kanalkopfzeile starten und ihr mit der Schaltfläche „Beitreten“ auf ihrer Karte beitreten.\n' +
        'Für Fortgeschrittene: `/plugnmeet start [Thema]` für ein Thema, das mit einem der Wörter oben beginnt; `/plugnmeet join [Besprechungs-ID]`; `/plugnmeet recordings [Aufzeichnungs-ID]`.',
    'plugnmeet.reply.topic_too_long': 'Dieses Thema ist {length} Zeichen lang; es darf höchstens {max} Zeichen lang sein.',
    'plugnmeet.reply.started': 'Du hast **{topic}** gestartet; die Besprechung öffnet sich in einem neuen Fenster.',
    'plugnmeet.reply.joining': 'Du trittst **{topic}** bei; die Besprechung öffnet sich in einem neuen Fenster.',
    'plugnmeet.reply.open_link_label': 'Besprechung öffnen',
    'plugnmeet.reply.open_link': '{link} (dein persönlicher Link, einige Minuten gültig; gib ihn nicht weiter)',
    'plugnmeet.reply.not_a_meeting_id': 'Das ist keine Besprechungs-ID. Mit `/plugnmeet join` trittst du der laufenden Besprechung dieses Kanals bei.',
    'plugnmeet.reply.no_such_meeting': 'In diesem Kanal gibt es keine Besprechung mit dieser ID. Mit `/plugnmeet join` trittst du der laufenden Besprechung dieses Kanals bei.',
    'plugnmeet.reply.no_live_meeting': 'In diesem Kanal läuft keine Besprechung. Starte eine mit `/plugnmeet [Thema]`.',
    'plugnmeet.reply.nothing_to_end': 'In diesem Kanal läuft keine Besprechung, die du beenden könntest.',
    'plugnmeet.reply.ended': 'Du hast **{topic}** beendet.',
    'plugnmeet.reply.not_a_recording_id': 'Das ist keine Aufzeichnungs-ID. Mit `/plugnmeet recordings` siehst du die Aufzeichnungen dieses Kanals.',
    'plugnmeet.reply.no_such_recording': 'In diesem Kanal gibt es keine Aufzeichnung mit dieser ID. Mit `/plugnmeet recordings` siehst du die Aufzeichnungen dieses Kanals.',
    'plugnmeet.reply.no_recordings': 'Dieser Kanal hat noch keine Aufzeichnungen.',
    'plugnmeet.reply.recordings': '**Aufzeichnungen in diesem Kanal** (persönliche Links, kurz gültig):',
    'plugnmeet.reply.recording_line': '- {date} UTC, {size}: {link}',
    'plugnmeet.reply.recording_link_label': 'herunterladen',
    'plugnmeet.reply.recordings_more': '({count, plural, one {# ältere Aufzeichnung wird} other {# ältere Aufzeichnungen werden}} nicht angezeigt.)',
    'plugnmeet.reply.already_live': 'In diesem Kanal läuft bereits eine Besprechung: **{topic}**, gestartet von {name}. Tritt ihr mit der Schaltfläche „Beitreten“ auf ihrer Karte oder mit `/plugnmeet join` bei.',
    'plugnmeet.reply.already_starting': 'In diesem Kanal wird gerade eine Besprechung gestartet: **{topic}**, gestartet von {name}. Tritt ihr mit der Schaltfläche „Beitreten“ auf ihrer Karte oder mit `/plugnmeet join` bei.',
    'plugnmeet.reply.start_failed': 'Die Besprechung konnte nicht gestartet werden: {reason}',
    'plugnmeet.reply.start_failed_post': 'Die Besprechung konnte nicht gestartet werden: Die Besprechungskarte konnte nicht in Mattermost gepostet werden. Versuche es erneut; wenn es weiter fehlschlägt, bitte deine Systemadministration, das plugNmeet-Bot-Konto zu prüfen.',
    'plugnmeet.reply.still_starting': 'Diese Besprechung wird noch gestartet. Versuche es gleich noch einmal.',
    'plugnmeet.reply.meeting_ended': 'Die Besprechung **{topic}** ist beendet. Starte eine neue mit `/plugnmeet`.',
    'plugnmeet.reply.join_failed': 'Beitritt zur Besprechung nicht möglich: {reason}',
    'plugnmeet.reply.end_not_allowed': 'Nur {name}, die Person, die diese Besprechung gestartet hat, oder die Systemadministration kann sie beenden.',
    'plugnmeet.reply.end_failed': 'Die Besprechung konnte nicht beendet werden: {reason}',
    'plugnmeet.reply.recording_gone': 'Diese Aufzeichnung ist nicht mehr verfügbar.',
    'plugnmeet.reply.download_failed': 'Es konnte kein Download-Link erstellt werden: {reason}',
    'plugnmeet.reply.list_failed': 'Die Aufzeichnungen konnten nicht abgerufen werden: {reason}',
    'plugnmeet.reply.other_team': 'Dieser Kanal gehört zu einem anderen Team als dem, aus dem der Befehl kam; es wurde nichts getan.',
    'plugnmeet.reply.out_of_date_join': 'Diese Karte ist veraltet. Mit `/plugnmeet join` in diesem Kanal trittst du seiner laufenden Besprechung bei.',
    'plugnmeet.reply.out_of_date_download': 'Diese Karte ist veraltet. Mit `/plugnmeet recordings` in diesem Kanal erhältst du deine Download-Links.',
    'plugnmeet.reply.out_of_date_start': 'Diese Karte ist veraltet. Mit `/plugnmeet` in diesem Kanal startest du eine Besprechung.',
    'plugnmeet.reply.unknown_meeting': 'Diese Besprechung ist dem plugNmeet-Dienst nicht mehr bekannt.',
    'plugnmeet.reply.download_link': 'Dein Download-Link für die Aufzeichnung von **{topic}**: {link} (persönlich, kurz gültig)',
    'plugnmeet.reply.join_link_label': 'Der Besprechung beitreten',
    'plugnmeet.reply.join_link': 'Dein persönlicher Link zu **{topic}**: {link} (einige Minuten gültig; gib ihn nicht weiter)',
    'plugnmeet.reply.already_open': 'In diesem Kanal läuft bereits eine Besprechung: **{topic}**. Tritt ihr über ihre Karte bei.',
    'plugnmeet.reply.started_again': 'Du hast **{topic}** erneut gestartet: {link} (dein persönlicher Link, einige Minuten gültig; gib ihn nicht weiter)',
    'plugnmeet.reply.missing_user': 'Dieser Anfrage fehlen Person oder Kanal; führe `/plugnmeet` in einem Kanal in Mattermost aus.',
    'plugnmeet.reply.too_fast': 'Zu viele plugNmeet-Anfragen in kurzer Zeit. Warte {seconds, plural, one {# Sekunde} other {# Sekunden}} und versuche es dann erneut.',
    'plugnmeet.reply.failed': 'Beim plugNmeet-Dienst ist etwas schiefgelaufen. Versuche es erneut; wenn es weiter fehlschlägt, informiere deine Systemadministration.',
    'plugnmeet.failure.unreachable': 'Der Besprechungsserver (plugNmeet) ist gerade nicht erreichbar. Versuche es in einer Minute erneut; wenn es weiter fehlschlägt, informiere deine Systemadministration.',
    'plugnmeet.failure.error': 'Der Besprechungsserver (plugNmeet) hat einen Fehler gemeldet. Versuche es in einer Minute erneut; wenn es weiter fehlschlägt, informiere deine Systemadministration.',

    'plugnmeet.post.card_message': '{name} hat eine Besprechung gestartet: {topic}',
    'plugnmeet.post.live_text': 'Läuft gerade · {count, plural, one {# Person} other {# Personen}} · gestartet von {name}. Tippe auf **Beitreten** für deinen persönlichen Link.',
    'plugnmeet.post.ended_fallback': '{topic}: Die Besprechung ist beendet (Dauer: {duration}).',
    'plugnmeet.post.ended_text': 'Besprechung beendet · Dauer: {duration} · Höchststand: {count, plural, one {# Person} other {# Personen}} · gestartet von {name}',
    'plugnmeet.post.refresh': 'Aktualisieren',
    'plugnmeet.post.recording_message': 'Aufzeichnung von {topic} ({size})',
    'plugnmeet.post.recording_title': 'Aufzeichnung: {topic}',
    'plugnmeet.post.recording_text': '{size} · tippe auf **Herunterladen** für deinen persönlichen Link',
    'plugnmeet.post.end_notice': 'Die Besprechung **{topic}**, gestartet von {name}, ist beendet (Dauer: {duration}).',
    'plugnmeet.post.end_notice_by_starter': '{name} hat die Besprechung **{topic}** beendet (Dauer: {duration}).',
    'plugnmeet.post.end_notice_by_other': '{ender} hat die Besprechung **{topic}**, gestartet von {name}, beendet (Dauer: {duration}).',
    'plugnmeet.topic.channel': 'Besprechung in ~{channel}',
    'plugnmeet.topic.person': 'Besprechung von {name}',
};

export default de;
