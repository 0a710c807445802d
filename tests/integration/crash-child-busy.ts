/** A crash-harness child that never yields: it prints its pid, then spins for a minute. */
process.stdout.write(`ready ${process.pid}\n`)
const end = Date.now() + 60_000
while (Date.now() < end) {
  // spin: a child stuck in synchronous work, like the ingest child's loop
}
