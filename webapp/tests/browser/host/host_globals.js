// Webpack entry for the test host page: exposes the libraries Mattermost shares with
// plugins as window globals, exactly the names the plugin's externals expect.
import * as ReactIntl from 'react-intl';
import * as ReactRedux from 'react-redux';
import * as Redux from 'redux';

Object.assign(window, {Redux, ReactRedux, ReactIntl});
