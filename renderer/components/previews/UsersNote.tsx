import { usersText } from '../../../shared/guardrails/email-tally';

/** "· N of M users (P%)" after a finding or feature, once the full scan has counted them. */
export function UsersNote({ users, of }: { users: number; of: number }) {
  return (
    <span className="muted" data-testid="qa-users">
      {' '}
      · {usersText(users, of)}
    </span>
  );
}
