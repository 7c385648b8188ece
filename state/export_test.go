package state

// MaxPageSize is the largest page the store asks for, for the tests of
// package state_test (they run against the emulator through teststack,
// which imports state).
const MaxPageSize = maxPageSize
