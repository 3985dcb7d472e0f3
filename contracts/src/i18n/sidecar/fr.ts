// French (vous). A narrow no-break space (U+202F) before : ; ! ?, as French typography wants.
import type {SidecarCatalogue} from '../types.js';

const fr: SidecarCatalogue = {
    'plugnmeet.help': '**Réunions vidéo plugNmeet**\n' +
        '- `/plugnmeet` ou `/plugnmeet [sujet]` : démarrer une réunion dans ce canal\n' +
        '- `/plugnmeet join` : obtenir votre lien personnel vers la réunion en cours de ce canal\n' +
        '- `/plugnmeet end` : terminer la réunion en cours de ce canal (seule la personne qui l’a lancée ou un administrateur système le peut)\n' +
        '- `/plugnmeet recordings` : lister les enregistrements de ce canal, avec vos liens de téléchargement personnels\n' +
        '- `/plugnmeet help` : afficher cette aide\n' +
        'Vous pouvez aussi démarrer une réunion avec le bouton caméra de l’en-tête du canal, et la rejoindre avec le bouton Rejoindre de sa carte.\n' +
        'Avancé : `/plugnmeet start [sujet]` pour un sujet qui commence par l’un des mots ci-dessus ; `/plugnmeet join [identifiant de réunion]` ; `/plugnmeet recordings [identifiant d’enregistrement]`.',
    'plugnmeet.reply.topic_too_long': 'Ce sujet compte {length} caractères ; il ne doit pas dépasser {max} caractères.',
    'plugnmeet.reply.started': 'Vous avez démarré **{topic}** ; la réunion s’ouvre dans une nouvelle fenêtre.',
    'plugnmeet.reply.joining': 'Vous rejoignez **{topic}** ; la réunion s’ouvre dans une nouvelle fenêtre.',
    'plugnmeet.reply.open_link_label': 'Ouvrir la réunion',
    'plugnmeet.reply.open_link': '{link} (votre lien personnel, valable quelques minutes ; ne le partagez pas)',
    'plugnmeet.reply.not_a_meeting_id': 'Ce n’est pas un identifiant de réunion. Utilisez `/plugnmeet join` pour rejoindre la réunion en cours de ce canal.',
    'plugnmeet.reply.no_such_meeting': 'Aucune réunion de ce canal n’a cet identifiant. Utilisez `/plugnmeet join` pour rejoindre la réunion en cours de ce canal.',
    'plugnmeet.reply.no_live_meeting': 'Aucune réunion n’est en cours dans ce canal. Démarrez-en une avec `/plugnmeet [sujet]`.',
    'plugnmeet.reply.nothing_to_end': 'Aucune réunion n’est en cours dans ce canal.',
    'plugnmeet.reply.ended': 'Vous avez terminé **{topic}**.',
    'plugnmeet.reply.not_a_recording_id': 'Ce n’est pas un identifiant d’enregistrement. Utilisez `/plugnmeet recordings` pour lister les enregistrements de ce canal.',
    'plugnmeet.reply.no_such_recording': 'Aucun enregistrement de ce canal n’a cet identifiant. Utilisez `/plugnmeet recordings` pour lister les enregistrements de ce canal.',
    'plugnmeet.reply.no_recordings': 'Ce canal n’a pas encore d’enregistrement.',
    'plugnmeet.reply.recordings': '**Enregistrements de ce canal** (liens personnels, valables peu de temps) :',
    'plugnmeet.reply.recording_line': '- {date} UTC, {size} : {link}',
    'plugnmeet.reply.recording_link_label': 'télécharger',
    'plugnmeet.reply.recordings_more': '({count, plural, one {# enregistrement plus ancien non affiché} other {# enregistrements plus anciens non affichés}}.)',
    'plugnmeet.reply.already_live': 'Une réunion est déjà en cours dans ce canal : **{topic}**, lancée par {name}. Rejoignez-la avec le bouton Rejoindre de sa carte ou avec `/plugnmeet join`.',
    'plugnmeet.reply.already_starting': 'Une réunion est en train de démarrer dans ce canal : **{topic}**, lancée par {name}. Rejoignez-la avec le bouton Rejoindre de sa carte ou avec `/plugnmeet join`.',
    'plugnmeet.reply.start_failed': 'Impossible de démarrer la réunion : {reason}',
    'plugnmeet.reply.start_failed_post': 'Impossible de démarrer la réunion : la carte de la réunion n’a pas pu être publiée dans Mattermost. Réessayez ; si le problème persiste, demandez à votre administrateur système de vérifier le compte du bot plugNmeet.',
    'plugnmeet.reply.still_starting': 'Cette réunion est encore en train de démarrer. Réessayez dans un instant.',
    'plugnmeet.reply.meeting_ended': 'La réunion **{topic}** est terminée. Démarrez-en une nouvelle avec `/plugnmeet`.',
    'plugnmeet.reply.join_failed': 'Impossible de rejoindre la réunion : {reason}',
    'plugnmeet.reply.end_not_allowed': 'Seule la personne qui a lancé cette réunion, {name}, ou un administrateur système peut la terminer.',
    'plugnmeet.reply.end_failed': 'Impossible de terminer la réunion : {reason}',
    'plugnmeet.reply.recording_gone': 'Cet enregistrement n’est plus disponible.',
    'plugnmeet.reply.download_failed': 'Impossible d’obtenir un lien de téléchargement : {reason}',
    'plugnmeet.reply.list_failed': 'Impossible de lister les enregistrements : {reason}',
    'plugnmeet.reply.other_team': 'Ce canal appartient à une autre équipe que celle d’où vient la commande ; rien n’a été fait.',
    'plugnmeet.reply.out_of_date_join': 'Cette carte n’est plus à jour. Utilisez `/plugnmeet join` dans ce canal pour rejoindre sa réunion en cours.',
    'plugnmeet.reply.out_of_date_download': 'Cette carte n’est plus à jour. Utilisez `/plugnmeet recordings` dans ce canal pour obtenir vos liens de téléchargement.',
    'plugnmeet.reply.out_of_date_start': 'Cette carte n’est plus à jour. Utilisez `/plugnmeet` dans ce canal pour démarrer une réunion.',
    'plugnmeet.reply.unknown_meeting': 'Le service plugNmeet ne connaît plus cette réunion.',
    'plugnmeet.reply.download_link': 'Votre lien de téléchargement pour l’enregistrement de **{topic}** : {link} (personnel, valable peu de temps)',
    'plugnmeet.reply.join_link_label': 'Rejoindre la réunion',
    'plugnmeet.reply.join_link': 'Votre lien personnel vers **{topic}** : {link} (valable quelques minutes ; ne le partagez pas)',
    'plugnmeet.reply.already_open': 'Une réunion est déjà ouverte dans ce canal : **{topic}**. Rejoignez-la depuis sa carte.',
    'plugnmeet.reply.started_again': 'Vous avez redémarré **{topic}** : {link} (votre lien personnel, valable quelques minutes ; ne le partagez pas)',
    'plugnmeet.reply.missing_user': 'Il manque l’utilisateur ou le canal dans cette requête ; lancez `/plugnmeet` depuis un canal de Mattermost.',
    'plugnmeet.reply.too_fast': 'Trop de demandes plugNmeet de votre part en peu de temps. Attendez {seconds, plural, one {# seconde} other {# secondes}} et réessayez.',
    'plugnmeet.reply.failed': 'Une erreur s’est produite dans le service plugNmeet. Réessayez ; si le problème persiste, prévenez votre administrateur système.',
    'plugnmeet.failure.unreachable': 'le serveur de réunion (plugNmeet) est injoignable pour le moment. Réessayez dans une minute ; si le problème persiste, prévenez votre administrateur système.',
    'plugnmeet.failure.error': 'le serveur de réunion (plugNmeet) a signalé une erreur. Réessayez dans une minute ; si le problème persiste, prévenez votre administrateur système.',

    'plugnmeet.post.card_message': '{name} a lancé une réunion : {topic}',
    'plugnmeet.post.live_text': 'En cours · {count, plural, one {# participant} other {# participants}} · lancée par {name}. Touchez **Rejoindre** pour obtenir votre lien personnel.',
    'plugnmeet.post.ended_fallback': '{topic} : la réunion s’est terminée après {duration}.',
    'plugnmeet.post.ended_text': 'Réunion terminée après {duration} · maximum : {count, plural, one {# participant} other {# participants}} · lancée par {name}',
    'plugnmeet.post.refresh': 'Actualiser',
    'plugnmeet.post.recording_message': 'Enregistrement de {topic} ({size})',
    'plugnmeet.post.recording_title': 'Enregistrement : {topic}',
    'plugnmeet.post.recording_text': '{size} · touchez **Télécharger** pour obtenir votre lien personnel',
    'plugnmeet.post.end_notice': 'La réunion **{topic}**, lancée par {name}, s’est terminée après {duration}.',
    'plugnmeet.post.end_notice_by_starter': '{name} a terminé la réunion **{topic}** après {duration}.',
    'plugnmeet.post.end_notice_by_other': '{ender} a terminé la réunion **{topic}**, lancée par {name}, après {duration}.',
    'plugnmeet.topic.channel': 'Réunion de ~{channel}',
    'plugnmeet.topic.person': 'Réunion de {name}',
};

export default fr;
