// Spanish (tú).
import type {SidecarCatalogue} from '../types.js';

const es: SidecarCatalogue = {
    'plugnmeet.help': '**Reuniones de vídeo de plugNmeet**\n' +
        '- `/plugnmeet` o `/plugnmeet [tema]`: iniciar una reunión en este canal\n' +
        '- `/plugnmeet join`: obtener tu enlace personal a la reunión en curso de este canal\n' +
        '- `/plugnmeet end`: finalizar la reunión en curso de este canal (solo puede hacerlo quien la inició o un administrador del sistema)\n' +
        '- `/plugnmeet recordings`: ver las grabaciones de este canal, con tus enlaces de descarga personales\n' +
        '- `/plugnmeet help`: mostrar esta ayuda\n' +
        'También puedes iniciar una reunión con el botón de la cámara en la cabecera del canal y unirte con el botón Unirse de su tarjeta.\n' +
        'Avanzado: `/plugnmeet start [tema]` para un tema que empieza por una de las palabras anteriores; `/plugnmeet join [id de la reunión]`; `/plugnmeet recordings [id de la grabación]`.',
    'plugnmeet.reply.topic_too_long': 'Ese tema tiene {length} caracteres; no puede superar los {max} caracteres.',
    'plugnmeet.reply.started': 'Iniciaste **{topic}**; se abre en una ventana nueva.',
    'plugnmeet.reply.joining': 'Te estás uniendo a **{topic}**; se abre en una ventana nueva.',
    'plugnmeet.reply.open_link_label': 'Abrir la reunión',
    'plugnmeet.reply.open_link': '{link} (tu enlace personal, válido durante unos minutos; no lo compartas)',
    'plugnmeet.reply.not_a_meeting_id': 'Eso no es un id de reunión. Usa `/plugnmeet join` para unirte a la reunión en curso de este canal.',
    'plugnmeet.reply.no_such_meeting': 'No hay ninguna reunión con ese id en este canal. Usa `/plugnmeet join` para unirte a la reunión en curso de este canal.',
    'plugnmeet.reply.no_live_meeting': 'No hay ninguna reunión en curso en este canal. Inicia una con `/plugnmeet [tema]`.',
    'plugnmeet.reply.nothing_to_end': 'No hay ninguna reunión en curso en este canal que finalizar.',
    'plugnmeet.reply.ended': 'Finalizaste **{topic}**.',
    'plugnmeet.reply.not_a_recording_id': 'Eso no es un id de grabación. Usa `/plugnmeet recordings` para ver las grabaciones de este canal.',
    'plugnmeet.reply.no_such_recording': 'No hay ninguna grabación con ese id en este canal. Usa `/plugnmeet recordings` para ver las grabaciones de este canal.',
    'plugnmeet.reply.no_recordings': 'Este canal todavía no tiene grabaciones.',
    'plugnmeet.reply.recordings': '**Grabaciones de este canal** (enlaces personales, válidos durante poco tiempo):',
    'plugnmeet.reply.recording_line': '- {date} UTC, {size}: {link}',
    'plugnmeet.reply.recording_link_label': 'descargar',
    'plugnmeet.reply.recordings_more': '({count, plural, one {# grabación más antigua no se muestra} other {# grabaciones más antiguas no se muestran}}.)',
    'plugnmeet.reply.already_live': 'Ya hay una reunión en curso en este canal: **{topic}**, iniciada por {name}. Únete con el botón Unirse de su tarjeta o con `/plugnmeet join`.',
    'plugnmeet.reply.already_starting': 'Se está iniciando una reunión en este canal: **{topic}**, iniciada por {name}. Únete con el botón Unirse de su tarjeta o con `/plugnmeet join`.',
    'plugnmeet.reply.start_failed': 'No se pudo iniciar la reunión: {reason}',
    'plugnmeet.reply.start_failed_post': 'No se pudo iniciar la reunión: no se pudo publicar la tarjeta de la reunión en Mattermost. Inténtalo de nuevo; si sigue fallando, pide a tu administrador del sistema que revise la cuenta del bot de plugNmeet.',
    'plugnmeet.reply.still_starting': 'Esta reunión todavía se está iniciando. Inténtalo de nuevo en un momento.',
    'plugnmeet.reply.meeting_ended': 'La reunión **{topic}** ha finalizado. Inicia una nueva con `/plugnmeet`.',
    'plugnmeet.reply.join_failed': 'No se pudo unir a la reunión: {reason}',
    'plugnmeet.reply.end_not_allowed': 'Solo {name}, que inició esta reunión, o un administrador del sistema puede finalizarla.',
    'plugnmeet.reply.end_failed': 'No se pudo finalizar la reunión: {reason}',
    'plugnmeet.reply.recording_gone': 'Esa grabación ya no está disponible.',
    'plugnmeet.reply.download_failed': 'No se pudo obtener un enlace de descarga: {reason}',
    'plugnmeet.reply.list_failed': 'No se pudieron obtener las grabaciones: {reason}',
    'plugnmeet.reply.other_team': 'Este canal pertenece a un equipo distinto del que envió el comando; no se hizo nada.',
    'plugnmeet.reply.out_of_date_join': 'Esta tarjeta está desactualizada. Usa `/plugnmeet join` en este canal para unirte a su reunión en curso.',
    'plugnmeet.reply.out_of_date_download': 'Esta tarjeta está desactualizada. Usa `/plugnmeet recordings` en este canal para obtener tus enlaces de descarga.',
    'plugnmeet.reply.out_of_date_start': 'Esta tarjeta está desactualizada. Usa `/plugnmeet` en este canal para iniciar una reunión.',
    'plugnmeet.reply.unknown_meeting': 'El servicio de plugNmeet ya no conoce esta reunión.',
    'plugnmeet.reply.download_link': 'Tu enlace de descarga de la grabación de **{topic}**: {link} (personal, válido durante poco tiempo)',
    'plugnmeet.reply.join_link_label': 'Unirse a la reunión',
    'plugnmeet.reply.join_link': 'Tu enlace personal a **{topic}**: {link} (válido durante unos minutos; no lo compartas)',
    'plugnmeet.reply.already_open': 'Ya hay una reunión abierta en este canal: **{topic}**. Únete desde su tarjeta.',
    'plugnmeet.reply.started_again': 'Volviste a iniciar **{topic}**: {link} (tu enlace personal, válido durante unos minutos; no lo compartas)',
    'plugnmeet.reply.missing_user': 'A esta solicitud le falta el usuario o el canal; ejecuta `/plugnmeet` desde un canal de Mattermost.',
    'plugnmeet.reply.too_fast': 'Demasiadas solicitudes a plugNmeet en poco tiempo. Espera {seconds, plural, one {# segundo} other {# segundos}} y vuelve a intentarlo.',
    'plugnmeet.reply.failed': 'Algo salió mal en el servicio de plugNmeet. Inténtalo de nuevo; si sigue fallando, avisa a tu administrador del sistema.',
    'plugnmeet.failure.unreachable': 'el servidor de reuniones (plugNmeet) no está disponible en este momento. Inténtalo de nuevo en un minuto; si sigue fallando, avisa a tu administrador del sistema.',
    'plugnmeet.failure.error': 'el servidor de reuniones (plugNmeet) informó de un error. Inténtalo de nuevo en un minuto; si sigue fallando, avisa a tu administrador del sistema.',

    'plugnmeet.post.card_message': '{name} inició una reunión: {topic}',
    'plugnmeet.post.live_text': 'En curso · {count, plural, one {# participante} other {# participantes}} · iniciada por {name}. Toca **Unirse** para obtener tu enlace personal.',
    'plugnmeet.post.ended_fallback': '{topic}: la reunión finalizó después de {duration}.',
    'plugnmeet.post.ended_text': 'Reunión finalizada después de {duration} · máximo: {count, plural, one {# participante} other {# participantes}} · iniciada por {name}',
    'plugnmeet.post.refresh': 'Actualizar',
    'plugnmeet.post.recording_message': 'Grabación de {topic} ({size})',
    'plugnmeet.post.recording_title': 'Grabación: {topic}',
    'plugnmeet.post.recording_text': '{size} · toca **Descargar** para obtener tu enlace personal',
    'plugnmeet.post.end_notice': 'La reunión **{topic}**, iniciada por {name}, finalizó después de {duration}.',
    'plugnmeet.post.end_notice_by_starter': '{name} finalizó la reunión **{topic}** después de {duration}.',
    'plugnmeet.post.end_notice_by_other': '{ender} finalizó la reunión **{topic}**, iniciada por {name}, después de {duration}.',
    'plugnmeet.topic.channel': 'Reunión de ~{channel}',
    'plugnmeet.topic.person': 'Reunión de {name}',
};

export default es;
