<?php
/**
 * The map in a post: an iframe of the widget's embed.html, made when the post is shown
 * (never stored in the post), with the height listener and the frame's style enqueued.
 *
 * @package passage-map
 */

defined( 'ABSPATH' ) || exit;

/** The height the frame starts at until the map asks for its own, in CSS pixels. */
const PASSAGE_MAP_DEFAULT_HEIGHT = 600;

/**
 * The address of the folder serving the widget's built files (with embed.html), ending
 * in '/': Settings → Story map, else the dist/ folder shipped in this plugin; '' when
 * there is neither.
 *
 * @return string
 */
function passage_map_base_url() {
	$configured = passage_map_configured_base_url();
	if ( '' !== $configured ) {
		return $configured;
	}
	return file_exists( PASSAGE_MAP_DIR . 'dist/embed.html' ) ? plugins_url( 'dist/', PASSAGE_MAP_FILE ) : '';
}

/**
 * The embed.html address for checked options.
 *
 * @param array $options From passage_map_options().
 * @return string '' when the widget's files are not there.
 */
function passage_map_embed_url( $options ) {
	$base = passage_map_base_url();
	if ( '' === $base ) {
		return '';
	}
	$query = passage_map_query( $options );
	return $base . 'embed.html' . ( $query ? '?' . http_build_query( $query, '', '&', PHP_QUERY_RFC3986 ) : '' );
}

/**
 * The markup of one map.
 *
 * @param array $options From passage_map_options().
 * @return string
 */
function passage_map_render( $options ) {
	$src = passage_map_embed_url( $options );
	if ( '' === $src ) {
		// Tell those who can fix it; readers see nothing.
		return current_user_can( 'manage_options' )
			? '<p class="passage-map-missing">' . esc_html__( 'passage-map: the widget\'s files are missing. Install the plugin zip built by `cargo xtask wordpress-plugin`, or set the folder under Settings → Story map.', 'passage-map' ) . '</p>'
			: '';
	}
	wp_enqueue_script( 'passage-map-height' );
	wp_enqueue_style( 'passage-map-frame' );
	$classes = 'wp-block-passage-map-map passage-map' . ( $options['align'] ? ' align' . $options['align'] : '' );
	$title   = 'es' === $options['lang'] ? 'Mapa de la historia' : __( 'Story map', 'passage-map' );
	$height  = $options['height'] ? $options['height'] : PASSAGE_MAP_DEFAULT_HEIGHT;
	return sprintf(
		'<figure class="%1$s"><iframe class="passage-map-frame" src="%2$s" title="%3$s" width="100%%" height="%4$d"%5$s loading="lazy"></iframe></figure>',
		esc_attr( $classes ),
		esc_url( $src ),
		esc_attr( $title ),
		(int) $height,
		// A height the post gives stays; otherwise the frame takes the one the map asks for.
		$options['height'] ? ' data-passage-map-fixed-height' : ''
	);
}

/**
 * [passage-map place="cecot" layers="cecot,darien" lang="es" story="/stories/mine/story.json" height="700" tour="1" align="wide"]
 *
 * @param array|string $atts Shortcode attributes.
 * @return string
 */
function passage_map_shortcode( $atts ) {
	return passage_map_render( passage_map_options( is_array( $atts ) ? $atts : array() ) );
}

/**
 * The block's render callback (a dynamic block: the post keeps only its attributes).
 *
 * @param array $attributes Block attributes.
 * @return string
 */
function passage_map_render_block( $attributes ) {
	return passage_map_render( passage_map_options( is_array( $attributes ) ? $attributes : array() ) );
}
