// Jest stand-in for the ring tone: webpack inlines the real one as a data: URL.
module.exports = 'data:audio/wav;base64,UklGRg==';
