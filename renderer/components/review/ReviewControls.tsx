import { useEffect, useState } from 'react';
import { useReview, useReviewMark } from '../../stores/review';
import { usePreferences } from '../../stores/preferences';
import './review.css';

/**
 * Approve, flag (with a comment) or clear the review of one cell. Keys in the matrix: A approve,
 * F flag, U clear; Enter comes here, Esc goes back. When the render changed after it was approved, says so: the approval covers the
 * render that was approved, not this one.
 */
export function ReviewControls({ target, node }: { target: string; node: string }) {
  const { decision, mark } = useReviewMark(target, node);
  const setDecision = useReview((s) => s.setDecision);
  const reviewer = usePreferences((s) => s.reviewer);
  const preferencesLoaded = usePreferences((s) => s.loaded);
  const [comment, setComment] = useState(decision?.comment ?? '');
  useEffect(() => setComment(decision?.comment ?? ''), [decision?.comment, target, node]);
  return (
    <>
      {mark === 'changed' && decision && (
        <div className="review-changed" role="status" data-testid="review-changed">
          <strong>⚠ This render changed since {decision.by ?? 'someone'} approved it</strong> ({decision.at}
          {decision.source ? `, with data from ${decision.source}` : ''}). Approve it again if the new text is right.
        </div>
      )}
      <div className="review-controls" role="group" aria-label="Review this cell" data-testid="review-controls">
        <button className={mark === 'approved' ? 'approve on' : 'approve'} aria-pressed={mark === 'approved'} onClick={() => setDecision(target, node, 'approved', comment || undefined)} data-testid="approve">
          ✓ {mark === 'changed' ? 'Approve again' : 'Approve'}
        </button>
        <input
          id="review-comment"
          aria-label="Comment"
          placeholder="Comment (why it is flagged)"
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && comment.trim()) setDecision(target, node, 'flagged', comment.trim());
            // Back to the matrix, on the same cell (the comment is kept: leaving saves it as on blur).
            if (e.key === 'Escape') {
              e.preventDefault();
              document.getElementById('review-matrix')?.focus({ preventScroll: true });
            }
          }}
          onBlur={() => decision?.status === 'flagged' && comment.trim() !== (decision.comment ?? '') && setDecision(target, node, 'flagged', comment.trim() || undefined)}
          data-testid="review-comment"
        />
        <button className={decision?.status === 'flagged' ? 'flag on' : 'flag'} aria-pressed={decision?.status === 'flagged'} onClick={() => setDecision(target, node, 'flagged', comment.trim() || undefined)} data-testid="flag">
          ⚑ Flag
        </button>
        {decision && (
          <button onClick={() => setDecision(target, node, undefined)} aria-label="Clear review" data-testid="clear-review">
            Clear
          </button>
        )}
      </div>
      {preferencesLoaded && !reviewer && (
        <p className="small muted" data-testid="reviewer-unset">
          Marks are not signed: set your name under Checks… so they and the QA report say who reviewed.
        </p>
      )}
    </>
  );
}
