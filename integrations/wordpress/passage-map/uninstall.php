<?php
/**
 * Deleting the plugin deletes its two options (the widget folder and the endpoint its
 * dist/embed.html names); posts keep their blocks and shortcodes as text.
 *
 * @package passage-map
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

delete_option( 'passage_map_base_url' );
delete_option( 'passage_map_discovery' );
