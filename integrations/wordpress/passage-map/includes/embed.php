<?php
/**
 * A pasted address: the widget's own embed.html address (…/embed.html?place=cecot&lang=es)
 * on a line of its own, or in an Embed block, becomes the map, for every role — the
 * post keeps only the address, and the map is made when the post is shown.
 *
 * @package passage-map
 */

defined( 'ABSPATH' ) || exit;

/**
 * The folders this site serves the widget from, ending in '/': the configured one and
 * the plugin's own dist/.
 *
 * @return string[]
 */
function passage_map_known_bases() {
	$bases = array();
	$configured = passage_map_configured_base_url();
	if ( '' !== $configured ) {
		$bases[] = $configured;
	}
	if ( file_exists( PASSAGE_MAP_DIR . 'dist/embed.html' ) ) {
		$bases[] = plugins_url( 'dist/', PASSAGE_MAP_FILE );
	}
	return array_values( array_unique( $bases ) );
}

/**
 * The pattern of embed.html addresses under `$base`, over http or https.
 *
 * @param string $base A folder address ending in '/'.
 * @return string
 */
function passage_map_embed_regex( $base ) {
	$rest = preg_replace( '#^https?://#i', '', $base );
	return '#^https?://' . preg_quote( $rest, '#' ) . 'embed\.html(?:\?[^\s"<>]*)?$#i';
}

/**
 * Whether `$url` is one of this site's embed.html addresses.
 *
 * @param string $url Any address.
 * @return bool
 */
function passage_map_is_embed_url( $url ) {
	foreach ( passage_map_known_bases() as $base ) {
		if ( preg_match( passage_map_embed_regex( $base ), $url ) ) {
			return true;
		}
	}
	return false;
}

/**
 * Checked options from an embed.html address's query string.
 *
 * @param string $url The address.
 * @return array From passage_map_options().
 */
function passage_map_options_from_url( $url ) {
	$query = wp_parse_url( str_replace( '&amp;', '&', $url ), PHP_URL_QUERY );
	$args  = array();
	if ( is_string( $query ) ) {
		parse_str( $query, $args );
	}
	return passage_map_options( array_intersect_key( $args, array_flip( array( 'place', 'layers', 'lang', 'story', 'tour' ) ) ) );
}

/** Registers one embed handler per folder the widget is served from. */
function passage_map_register_embed_handler() {
	foreach ( passage_map_known_bases() as $i => $base ) {
		wp_embed_register_handler( 'passage-map-' . $i, passage_map_embed_regex( $base ), 'passage_map_embed_handler' );
	}
}

/**
 * The embed handler: the map for a pasted address.
 *
 * @param array  $matches Pattern matches.
 * @param array  $attr    Embed attributes.
 * @param string $url     The pasted address.
 * @return string
 */
function passage_map_embed_handler( $matches, $attr, $url ) {
	return passage_map_render( passage_map_options_from_url( $url ) );
}
