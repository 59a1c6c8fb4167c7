// @plenum/api — schemas of every HTTP and WebSocket message and export file.
export {
  body,
  errorBody,
  health,
  liveMessage,
  member,
  memberList,
  overview,
  unit,
  type ErrorBody,
  type Health,
  type LiveMessage,
  type MemberList,
  type Overview,
} from './schemas.ts';
