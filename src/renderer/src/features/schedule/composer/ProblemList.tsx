import type { ChannelProblems } from '../../../../../shared/domain/schedule'
import { Icon } from '../../../components/Icon'

/** What one channel's network would refuse, one plain sentence per problem. */
export function ProblemList({ id, className, problems }: { id?: string; className?: string; problems: ChannelProblems }) {
  return (
    <ul id={id} className={['composer-problems', className ?? ''].filter(Boolean).join(' ')}>
      {problems.problems.map((problem) => (
        <li key={`${problem.field}:${problem.message}`} className="composer-problems__item">
          <Icon name="alert" size={12} />
          {problem.message}
        </li>
      ))}
    </ul>
  )
}
