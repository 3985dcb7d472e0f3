// A user's time zone as Mattermost keeps it (model.User.Timezone, server/public/model/timezone.go:
// string fields; useAutomaticTimezone "true" or "false"), as one IANA zone name.
import {IANAZone} from 'luxon';

export interface UserTimezone {
    useAutomaticTimezone?: string | boolean;
    automaticTimezone?: string;
    manualTimezone?: string;
}

/** The zone Mattermost keeps for a user (model.User.Timezone); UTC when unset or unknown. */
export function userZone(tz: UserTimezone | undefined): string {
    const automatic = tz?.useAutomaticTimezone === true || tz?.useAutomaticTimezone === 'true';
    const zone = (automatic ? tz?.automaticTimezone : tz?.manualTimezone) || tz?.automaticTimezone || '';
    return zone && IANAZone.isValidZone(zone) ? zone : 'UTC';
}
