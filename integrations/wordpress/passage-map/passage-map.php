<?php
/**
 * Plugin Name:       passage-map
 * Description:       An interactive story map in any post: a block, a [passage-map] shortcode, or the map's embed.html address pasted on a line of its own. Works for every role that can write posts, Authors and Contributors included.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      7.4
 * License:           MIT OR Apache-2.0
 * Text Domain:       passage-map
 *
 * @package passage-map
 */

defined( 'ABSPATH' ) || exit;

define( 'PASSAGE_MAP_VERSION', '0.1.0' );
define( 'PASSAGE_MAP_FILE', __FILE__ );
define( 'PASSAGE_MAP_DIR', plugin_dir_path( __FILE__ ) );

require_once PASSAGE_MAP_DIR . 'includes/options.php';
require_once PASSAGE_MAP_DIR . 'includes/render.php';
require_once PASSAGE_MAP_DIR . 'includes/embed.php';
require_once PASSAGE_MAP_DIR . 'includes/oembed.php';
require_once PASSAGE_MAP_DIR . 'includes/settings.php';

add_action( 'init', 'passage_map_register' );
register_activation_hook( __FILE__, 'passage_map_write_discovery_link' );

/** Registers the assets, the shortcode, the block and the embed handler. */
function passage_map_register() {
	wp_register_script(
		'passage-map-height',
		plugins_url( 'assets/height.js', PASSAGE_MAP_FILE ),
		array(),
		PASSAGE_MAP_VERSION,
		true
	);
	wp_register_style(
		'passage-map-frame',
		plugins_url( 'assets/frame.css', PASSAGE_MAP_FILE ),
		array(),
		PASSAGE_MAP_VERSION
	);
	add_shortcode( 'passage-map', 'passage_map_shortcode' );
	register_block_type( PASSAGE_MAP_DIR . 'block', array( 'render_callback' => 'passage_map_render_block' ) );
	passage_map_register_embed_handler();
}
