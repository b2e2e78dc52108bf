package jupyter

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// protocolVersion is the Jupyter messaging protocol version we speak.
const protocolVersion = "5.3"

// delimiter separates routing identities from the signed parts of a message.
const delimiter = "<IDS|MSG>"

// Header identifies a message.
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one Jupyter message.
type Message struct {
	Header       Header
	ParentHeader Header
	Metadata     json.RawMessage
	Content      json.RawMessage
}

// newMessage makes a request of the given type.
func newMessage(session, msgType string, content any) (*Message, error) {
	body, err := json.Marshal(content)
	if err != nil {
		return nil, fmt.Errorf("encode %s: %w", msgType, err)
	}
	return &Message{
		Header: Header{
			MsgID: newID(), Session: session, Username: "runner", MsgType: msgType, Version: protocolVersion,
			Date: time.Now().UTC().Format(time.RFC3339Nano),
		},
		Metadata: json.RawMessage("{}"),
		Content:  body,
	}, nil
}

func newID() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// signer computes and checks HMAC-SHA256 signatures.
type signer struct{ key []byte }

// sign returns the hex signature of the four signed parts, in order.
func (s signer) sign(parts ...[]byte) string {
	if len(s.key) == 0 {
		return ""
	}
	mac := hmac.New(sha256.New, s.key)
	for _, p := range parts {
		mac.Write(p)
	}
	return hex.EncodeToString(mac.Sum(nil))
}

// frames encodes a message for the wire: delimiter, signature, header,
// parent header, metadata, content.
func (s signer) frames(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, err
	}
	parent := []byte("{}")
	if m.ParentHeader.MsgID != "" {
		if parent, err = json.Marshal(m.ParentHeader); err != nil {
			return nil, err
		}
	}
	meta := orObject(m.Metadata)
	content := orObject(m.Content)
	return [][]byte{[]byte(delimiter), []byte(s.sign(header, parent, meta, content)), header, parent, meta, content}, nil
}

// ErrSignature is a message whose signature does not match its contents.
var ErrSignature = errors.New("bad message signature")

// parse decodes wire frames, checking the signature.
func (s signer) parse(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && string(frames[i]) != delimiter {
		i++ // routing identities
	}
	if len(frames) < i+6 {
		return nil, fmt.Errorf("message with %d frames: want a delimiter and 5 more", len(frames))
	}
	sig, header, parent, meta, content := frames[i+1], frames[i+2], frames[i+3], frames[i+4], frames[i+5]
	if len(s.key) > 0 && !hmac.Equal(sig, []byte(s.sign(header, parent, meta, content))) {
		return nil, ErrSignature
	}
	m := &Message{Metadata: bytes.Clone(meta), Content: bytes.Clone(content)}
	if err := json.Unmarshal(header, &m.Header); err != nil {
		return nil, fmt.Errorf("message header: %w", err)
	}
	if len(bytes.TrimSpace(parent)) > 2 {
		if err := json.Unmarshal(parent, &m.ParentHeader); err != nil {
			return nil, fmt.Errorf("message parent header: %w", err)
		}
	}
	return m, nil
}

func orObject(b []byte) []byte {
	if len(bytes.TrimSpace(b)) == 0 {
		return []byte("{}")
	}
	return b
}
