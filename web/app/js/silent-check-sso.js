// keycloak-js loads this page in a hidden frame to learn, without a visible redirect, whether a session exists.
// (An external file: the Content-Security-Policy allows no inline script.)
parent.postMessage(location.href, location.origin);
