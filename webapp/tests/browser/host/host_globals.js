// Webpack entry for the test host page: exposes the libraries Mattermost shares with
// plugins as window globals, exactly the names the plugin's externals expect. react-redux
// is aliased per host (7 for Mattermost 9.11-10.x, 9.2.0 for 11: webapp/channels/package.json);
// the React 17 host loads react-redux 7's own UMD build instead.
import * as ReactIntl from 'react-intl';
import * as Redux from 'redux';

Object.assign(window, {Redux, ReactIntl});
if (process.env.HOST_REACT_REDUX === 'bundled') {
    Object.assign(window, {ReactRedux: require('react-redux')});
}
