// webpack inlines SVGs as data: URLs; jest gets a recognisable one.
module.exports = 'data:image/svg+xml;base64,PHN2Zy8+';
