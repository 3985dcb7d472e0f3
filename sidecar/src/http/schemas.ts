// The shapes of the requests Mattermost sends, as JSON schemas that Fastify validates and from
// which the handlers' types are derived (TypeBox). The button context's fields are the contract in
// @plugnmeet/contracts; the check at the bottom keeps this schema and that type the same.
import {BUTTON_ACTIONS, type ButtonAction, type ButtonContext} from '@plugnmeet/contracts';
import {type Static, Type} from '@sinclair/typebox';

const Id = Type.String({minLength: 1, maxLength: 128});
// An enum (not a union of literals): one check, and the same 400 message as before.
const ActionName = Type.Unsafe<ButtonAction>({type: 'string', enum: [...BUTTON_ACTIONS]});

/** As clicked: contexts from before expiry and post ids were signed lack both (see button-context.ts). */
export const ClickedContext = Type.Object({
    action: ActionName,
    room_id: Id,
    channel_id: Id,
    post_id: Type.Optional(Type.String({maxLength: 128})),
    record_id: Type.Optional(Id),
    expires_at: Type.Optional(Type.Integer()),
    signature: Type.String({maxLength: 128}),
});

/** Mattermost's PostActionIntegrationRequest, the fields the sidecar reads. */
export const ActionBody = Type.Object({
    user_id: Id,
    user_name: Type.Optional(Type.String({maxLength: 128})),
    channel_id: Id,
    channel_name: Type.Optional(Type.String({maxLength: 128})),
    // Empty in DMs and GMs (app/post_action.go fills them from the channel's team).
    team_id: Type.Optional(Type.String({maxLength: 128})),
    team_domain: Type.Optional(Type.String({maxLength: 128})),
    post_id: Type.Optional(Type.String({maxLength: 128})),
    context: ClickedContext,
});

/** The integration URL names its button's action too (a context copied onto another button is caught). */
export const ActionQuery = Type.Object({action: Type.Optional(ActionName)});

/** The slash-command form: string fields only (checked in the handler, after the token). */
export const CommandForm = Type.Record(Type.String(), Type.String());

export type ActionBody = Static<typeof ActionBody>;
export type CommandForm = Static<typeof CommandForm>;

// Compile-time: a signed context (all fields present) is exactly the contract's ButtonContext.
type Signed = Required<Omit<Static<typeof ClickedContext>, 'record_id'>> & Pick<Static<typeof ClickedContext>, 'record_id'>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const contextMatchesContract: Same<Signed, ButtonContext> = true;
void contextMatchesContract;
