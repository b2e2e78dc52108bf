// Package jupyter runs notebooks without Jupyter: it starts the GoNB
// kernel, speaks the Jupyter messaging protocol to it over ZeroMQ
// (github.com/go-zeromq/zmq4, pure Go), executes every code cell in order
// and stores the outputs, so that `go run . build` needs no Python.
//
// The protocol, in brief: the kernel listens on five loopback sockets named
// in a connection file. Requests go to the shell socket (execute_request,
// kernel_info_request) and the control socket (interrupt_request,
// shutdown_request); everything the code prints or displays is published on
// the iopub socket, tagged with the request it answers. Every message is
// signed with HMAC-SHA256 over its header, parent header, metadata and
// content, using a key from the connection file.
package jupyter
