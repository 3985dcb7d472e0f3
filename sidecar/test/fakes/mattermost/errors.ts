// model.AppError and the errors the fake's handlers answer, with the ids and messages of the
// server code each comes from.
import type { AppErrorBody } from './types.js';
import { newId } from './model.js';

export class AppError extends Error {
  constructor(public status: number, public errId: string, msg: string) {
    super(msg);
  }
  body(): AppErrorBody {
    return { id: this.errId, message: this.message, detailed_error: '', request_id: newId(), status_code: this.status, is_oauth: false };
  }
}

export const notFound = (what = 'Unable to find the requested resource.') => new AppError(404, 'api.context.404.app_error', what);
export const forbidden = (perm: string) =>
  new AppError(403, 'api.context.permissions.app_error', `You do not have the appropriate permissions. (missing ${perm})`);
export const invalidBody = (name: string) => new AppError(400, 'api.context.invalid_body_param.app_error', `Invalid or missing ${name} in request body.`);
/** c.SetInvalidParam: a URL or body parameter the handler checks itself. */
export const invalidParam = (name: string) => new AppError(400, 'api.context.invalid_param.app_error', `Invalid ${name} parameter.`);
export const invalidPost = (field: string, msg: string) => new AppError(400, `model.post.is_valid.${field}.app_error`, msg);

export const invalidCommand = (field: string, msg: string) => new AppError(400, `model.command.is_valid.${field}.app_error`, msg);
export const duplicateTrigger = () => new AppError(400, 'api.command.duplicate_trigger.app_error', 'This trigger word is already in use. Please choose another word.');
export const commandsDisabled = () => new AppError(501, 'api.command.disabled.app_error', 'Commands have been disabled by the system admin.');
export const teamNotFound = () => new AppError(404, 'app.team.get.find.app_error', 'Unable to find the existing team.');
export const userNotFound = () => new AppError(404, 'app.user.missing_account.const', 'Unable to find the user.');
export const botNotFound = () => new AppError(404, 'store.sql_bot.get.missing.app_error', 'Unable to find the bot.');
export const channelNotFound = () => new AppError(404, 'app.channel.get.existing.app_error', 'Unable to find the existing channel.');
export const postNotFound = () => new AppError(404, 'app.post.get.app_error', 'Unable to get the post.');
