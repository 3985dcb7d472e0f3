// Who is in the meeting (who came, once ended), on the card: up to eight faces, then "+N". A face is
// Mattermost's profile picture for people it knows, initials for guests and identities it does not.
// The same names are in the card's text for mobile (the sidecar's peopleLine).
import type {CardPerson} from '@plugnmeet/contracts';
import {CARD_PROPS} from '@plugnmeet/contracts';
import React from 'react';
import {useIntl} from 'react-intl';

import {msg} from '../../i18n';
import type {PostTypeProps} from '../../types/mattermost';

const ID = /^[a-z0-9]{26}$/;

/** The card's people, as the sidecar wrote them (anything else is left out). */
export function readPeople(post: PostTypeProps['post']): {people: CardPerson[]; more: number} {
    const props = (post?.props ?? {}) as Record<string, unknown>;
    const raw = props[CARD_PROPS.people];
    const people = Array.isArray(raw) ? raw.filter((p): p is CardPerson => typeof p?.name === 'string' && typeof p?.id === 'string').slice(0, 8) : [];
    const more = Number(props[CARD_PROPS.peopleMore]);
    return {people, more: Number.isInteger(more) && more > 0 ? more : 0};
}

export function initials(name: string): string {
    const words = name.replace(/[^\p{L}\p{N}\s]/gu, ' ').trim().split(/\s+/).filter(Boolean);
    const letters = words.length > 1 ? [words[0]![0], words[words.length - 1]![0]] : [...(words[0] ?? '?')].slice(0, 2);
    return letters.join('').toUpperCase() || '?';
}

/** Mattermost's own picture of a user; under a subpath, Mattermost sets window.basename. */
const pictureOf = (id: string) => `${(window as {basename?: string}).basename ?? ''}/api/v4/users/${id}/image`;

export function Faces({post, ended}: {post: PostTypeProps['post']; ended: boolean}) {
    const intl = useIntl();
    const {people, more} = readPeople(post);
    if (people.length === 0) {
        return null;
    }
    const label = intl.formatMessage(msg(ended ? 'plugnmeet.card.people_came' : 'plugnmeet.card.people_live'));
    return (
        <div
            className='plugnmeet-faces'
            role='group'
            aria-label={label}
            data-testid='plugnmeet-faces'
        >
            <span className='plugnmeet-faces__label'>{label}</span>
            {people.map((p, i) => (
                <span
                    // eslint-disable-next-line react/no-array-index-key -- two guests may share a name; the order is the sidecar's
                    key={`${p.id || p.name}-${i}`}
                    className='plugnmeet-face'
                    title={p.name}
                >
                    {ID.test(p.id) ? (
                        <img
                            className='plugnmeet-face__img'
                            src={pictureOf(p.id)}
                            alt={p.name}
                        />
                    ) : (
                        <span
                            className='plugnmeet-face__initials'
                            aria-label={p.name}
                        >{initials(p.name)}</span>
                    )}
                </span>
            ))}
            {more > 0 && <span className='plugnmeet-face plugnmeet-face--more'>{intl.formatMessage(msg('plugnmeet.card.people_more'), {count: more})}</span>}
        </div>
    );
}
