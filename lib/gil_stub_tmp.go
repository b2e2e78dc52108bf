package lib

type gilState struct{}

func (g *gilState) tick()    {}
func (g *gilState) release() {}
func (g *gilState) acquire() {}
