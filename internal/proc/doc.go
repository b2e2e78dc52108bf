// Package proc holds the process plumbing shared by lib's worker and
// flag-server processes and by the Jupyter client's GoNB kernel: starting a
// child that dies with its parent, in a process group of its own where
// asked, killing that group, and keeping the tail of what the child wrote
// to stderr to explain why it failed.
//
// Each operating system gets what it offers: Linux has a parent-death
// signal, every Unix has process groups, and elsewhere (Windows) a child is
// killed alone and ends when its input pipe closes.
package proc
