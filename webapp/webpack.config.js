// Builds webapp/dist/main.js, the script Mattermost loads for this plugin.
// React, ReactDOM, Redux, ReactRedux and ReactIntl come from the Mattermost webapp's
// globals: bundling a second copy would break hooks and context (and bloat the bundle).
const path = require('path');

const manifest = require('../plugin.json');

module.exports = (env, argv) => {
    const production = argv.mode !== 'development';
    return {
        entry: path.join(__dirname, 'src', 'index.tsx'),
        resolve: {extensions: ['.ts', '.tsx', '.js', '.json']},
        module: {
            rules: [
                {
                    test: /\.tsx?$/,
                    exclude: /node_modules/,
                    use: {
                        loader: 'ts-loader',

                        // Type-check only what ends up in the bundle; tests are checked by ts-jest.
                        options: {onlyCompileBundledFiles: true, compilerOptions: {noEmit: false}},
                    },
                },
                {test: /\.svg$/, type: 'asset/inline'},

                // The ring tone (make_ring_tone.js) as a data: URL inside main.js. Mattermost would serve
                // a file beside the bundle too (server/public/plugin/environment.go UnpackWebappBundle
                // copies the bundle's directory to /static/plugins/<id>/), but bundle.mjs packs main.js
                // only, and its CSP (web/handlers.go: frame-ancestors and script-src) does not limit media.
                {test: /\.wav$/, type: 'asset/inline', generator: {dataUrl: {mimetype: 'audio/wav'}}},
            ],
        },
        externals: {
            react: 'React',
            'react-dom': 'ReactDOM',
            redux: 'Redux',
            'react-redux': 'ReactRedux',
            'react-intl': 'ReactIntl',
        },
        output: {
            path: path.join(__dirname, 'dist'),
            filename: 'main.js',
            publicPath: '/',
            devtoolNamespace: manifest.id,
            clean: true,
        },
        devtool: production ? false : 'eval-source-map',
        performance: {hints: false},
        stats: 'errors-warnings',
    };
};
