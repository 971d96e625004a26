"""The transactional outbox: a task to queue, written in the transaction that stores
the work, and relayed to the broker after the commit (or by the scheduler when the
process that committed it died first)."""
