// Settings > plugNmeet, "Where meetings open" (issue 26): the person's own choice, kept in the
// plugin's preference category like the status setting; "default" follows the admin's MEETINGS_OPEN_IN.
import {OPEN_IN_DEFAULT, OPEN_IN_SETTING} from '../../stores/open_in_store';
import type {Translations, PluginRadioSetting} from '../../types/mattermost';

export function openInSetting(t: Translations): {setting: PluginRadioSetting; section: {title: string; settings: PluginRadioSetting[]}} {
    const setting: PluginRadioSetting = {
        type: 'radio',
        name: OPEN_IN_SETTING,
        title: t['plugnmeet.settings.open_in_title'],
        helpText: t['plugnmeet.settings.open_in_help'],
        default: OPEN_IN_DEFAULT,
        options: [
            {value: OPEN_IN_DEFAULT, text: t['plugnmeet.settings.open_in_default']},
            {value: 'mattermost', text: t['plugnmeet.settings.open_in_mattermost']},
            {value: 'browser', text: t['plugnmeet.settings.open_in_browser']},
        ],
    };

    // The section carries the title; its setting would only repeat it.
    return {setting, section: {title: setting.title, settings: [{...setting, title: ''}]}};
}
