// Which review actions a person may take on an application now: the same rules as the server's state machine
// (API.md), so the desk shows only buttons that will work. The server still decides.

export const ACTIONS = ['assign', 'request-revision', 'recommend', 'approve', 'reject'];

export function rolesOf(tokenParsed) {
  return tokenParsed?.realm_access?.roles ?? [];
}

export function isStaff(roles) {
  return roles.includes('officer') || roles.includes('supervisor');
}

/**
 * @param app the application (state, assignee)
 * @param user {username, roles}
 */
export function allowedActions(app, user) {
  const roles = user.roles ?? [];
  const supervisor = roles.includes('supervisor');
  const officer = roles.includes('officer');
  const assigned = app.assignee != null && app.assignee === user.username;
  const actions = [];
  if (supervisor ? ['SUBMITTED', 'UNDER_REVIEW'].includes(app.state) : officer && app.state === 'SUBMITTED') {
    actions.push('assign');
  }
  if ((app.state === 'UNDER_REVIEW' && (supervisor || (officer && assigned)))
      || (app.state === 'RECOMMENDED' && supervisor)) {
    actions.push('request-revision');
  }
  if (officer && assigned && app.state === 'UNDER_REVIEW') actions.push('recommend');
  if (supervisor && app.state === 'RECOMMENDED') actions.push('approve');
  if (supervisor && ['UNDER_REVIEW', 'RECOMMENDED'].includes(app.state)) actions.push('reject');
  return actions;
}

/** Actions that need a written reason (the server refuses a blank one). */
export function needsReason(action) {
  return action === 'request-revision' || action === 'reject';
}

/** What the applicant may do on their own application. */
export function applicantActions(app) {
  switch (app.state) {
    case 'DRAFT':
    case 'REVISION_REQUESTED':
      return ['edit', 'upload', 'submit', 'withdraw'];
    case 'SUBMITTED':
    case 'UNDER_REVIEW':
    case 'RECOMMENDED':
      return ['withdraw'];
    default:
      return [];
  }
}
