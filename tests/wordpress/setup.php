<?php
// Installs the test WordPress without a browser (what wp-admin/install.php does), with
// an Administrator and an Author, each with an application password for the REST API,
// the theme Twenty Twenty-Three, and the plugin installed from its zip the way
// Plugins → Add New → Upload does (unzip_file into the plugins folder), then activated.
// Run by `cargo xtask test-wordpress` with PHP's CLI: env PM_WP_DIR (the site's copy of
// WordPress), PM_WP_URL, PM_PLUGIN_ZIP. Prints one line of JSON: "user:application
// password" of each role, and each one's "user:login password" (author_login, admin_login).

$dir  = getenv( 'PM_WP_DIR' );
$url  = getenv( 'PM_WP_URL' );
$zip  = getenv( 'PM_PLUGIN_ZIP' );
$site = parse_url( $url );
$_SERVER['HTTP_HOST']      = $site['host'] . ':' . $site['port'];
$_SERVER['SERVER_NAME']    = $site['host'];
$_SERVER['SERVER_PORT']    = $site['port'];
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

define( 'WP_INSTALLING', true );
// No mail server here: the "new site" mail is not sent (a pluggable function).
function wp_new_blog_notification() {}

require $dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/file.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

function fail( $what, $error ) {
	fwrite( STDERR, "setup.php: $what: " . ( is_wp_error( $error ) ? $error->get_error_message() : print_r( $error, true ) ) . "\n" );
	exit( 1 );
}

$admin_login = wp_generate_password( 24, false );
$installed   = wp_install( 'passage-map on WordPress', 'admin', 'admin@example.invalid', false, '', $admin_login );
if ( empty( $installed['user_id'] ) ) {
	fail( 'wp_install', $installed );
}
$author_login = wp_generate_password( 24, false );
$author       = wp_insert_user(
	array(
		'user_login'   => 'author',
		'user_pass'    => $author_login,
		'user_email'   => 'author@example.invalid',
		'display_name' => 'An Author',
		'role'         => 'author',
	)
);
if ( is_wp_error( $author ) ) {
	fail( 'the Author', $author );
}
$passwords = array();
foreach ( array( 'admin' => $installed['user_id'], 'author' => $author ) as $login => $id ) {
	$created = WP_Application_Passwords::create_new_application_password( $id, array( 'name' => 'test-wordpress' ) );
	if ( is_wp_error( $created ) ) {
		fail( "application password of $login", $created );
	}
	$passwords[ $login ] = $login . ':' . $created[0];
}

if ( ! wp_get_theme( 'twentytwentythree' )->exists() ) {
	fail( 'the theme', 'Twenty Twenty-Three is not installed (Debian: wordpress-theme-twentytwentythree)' );
}
switch_theme( 'twentytwentythree' );

if ( ! WP_Filesystem() ) {
	fail( 'WP_Filesystem', 'no direct file access' );
}
$unzipped = unzip_file( $zip, WP_PLUGIN_DIR );
if ( is_wp_error( $unzipped ) ) {
	fail( 'unzip the plugin', $unzipped );
}
$activated = activate_plugin( 'passage-map/passage-map.php' );
if ( is_wp_error( $activated ) ) {
	fail( 'activate the plugin', $activated );
}

// The Author also logs in to the block editor, the Administrator to the settings.
$passwords['author_login'] = 'author:' . $author_login;
$passwords['admin_login']  = 'admin:' . $admin_login;
echo wp_json_encode( $passwords ), "\n";
