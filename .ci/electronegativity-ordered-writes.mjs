// Electronegativity writes its CSV report with two fs.writeFile calls it does not wait between:
// the header (which truncates the file) and the rows (appended). When the header's write lands
// second, it overwrites the start of the first row, and a harmless INFORMATIONAL row reads as a
// finding. Loaded with --import into the scanner's process only, this makes fs.writeFile finish
// before it returns, so the writes land in the order the scanner makes them.
import fs from 'node:fs'

fs.writeFile = function orderedWriteFile(file, data, options, callback) {
  if (typeof options === 'function') {
    callback = options
    options = undefined
  }
  let failure = null
  try {
    fs.writeFileSync(file, data, options)
  } catch (error) {
    failure = error
  }
  if (typeof callback === 'function') process.nextTick(callback, failure)
}
