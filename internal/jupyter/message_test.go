package jupyter

import (
	"errors"
	"testing"
)

// A known vector: HMAC-SHA256 with key "key" over the concatenation
// "abc" "def" equals HMAC over "abcdef" (the parts are simply concatenated,
// as the protocol specifies).
func TestSignKnownVector(t *testing.T) {
	s := signer{key: []byte("key")}
	// echo -n "The quick brown fox jumps over the lazy dog" | openssl dgst -sha256 -hmac key
	const want = "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"
	if got := s.sign([]byte("The quick brown fox "), []byte("jumps over the lazy dog")); got != want {
		t.Errorf("sign = %s, want %s", got, want)
	}
	if got := (signer{}).sign([]byte("x")); got != "" {
		t.Errorf("an empty key signs nothing, got %q", got)
	}
}

func TestFramesRoundTripAndTamper(t *testing.T) {
	s := signer{key: []byte("secret")}
	m, err := newMessage("sess", "execute_request", map[string]any{"code": "1+1"})
	if err != nil {
		t.Fatal(err)
	}
	m.ParentHeader = Header{MsgID: "parent", MsgType: "x"}
	frames, err := s.frames(m)
	if err != nil {
		t.Fatal(err)
	}
	// Routing identities before the delimiter are skipped.
	back, err := s.parse(append([][]byte{[]byte("identity")}, frames...))
	if err != nil {
		t.Fatal(err)
	}
	if back.Header != m.Header || back.ParentHeader.MsgID != "parent" || string(back.Content) != `{"code":"1+1"}` {
		t.Errorf("round trip: %+v", back)
	}
	frames[5] = []byte(`{"code":"rm -rf /"}`)
	if _, err := s.parse(frames); !errors.Is(err, ErrSignature) {
		t.Errorf("tampered content: err = %v, want ErrSignature", err)
	}
	if _, err := s.parse(frames[:3]); err == nil {
		t.Error("a short message parsed")
	}
}
