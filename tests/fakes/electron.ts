// Placeholder replaced by the recording fake of the shell work.
export default {}
