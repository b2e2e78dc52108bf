package flagserver_test

import (
	"fmt"
	"net/http"

	"github.com/gomeasure/concurrency/lib/flagserver"
)

// Serve the flags on a free loopback port and fetch one with any client.
func ExampleStart() {
	srv, err := flagserver.Start(flagserver.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	resp, err := http.Get(srv.FlagURL("CN"))
	if err != nil {
		fmt.Println(err)
		return
	}
	resp.Body.Close()
	http.DefaultClient.CloseIdleConnections() // leave no goroutine behind
	fmt.Println(resp.Status, resp.Header.Get("Content-Type"), srv.Requests())
	// Output: 200 OK image/gif 1
}
