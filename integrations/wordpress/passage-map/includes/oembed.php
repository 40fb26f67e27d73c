<?php
/**
 * oEmbed for other sites: GET /wp-json/passage-map/v1/oembed?url=<embed.html address>
 * answers with an iframe of that address (its options checked), no wider than
 * `maxwidth` and no taller than `maxheight`; the shipped dist/embed.html names this
 * endpoint in its discovery link (written on activation, and again when the site's
 * address changes).
 *
 * @package passage-map
 */

defined( 'ABSPATH' ) || exit;

/** The size the map prefers side by side, and stacked below this width, in CSS pixels. */
const PASSAGE_MAP_WIDE_SIZE   = array( 1200, 600 );
const PASSAGE_MAP_NARROW_FROM = 760;
const PASSAGE_MAP_NARROW_HEIGHT = 980;

add_action( 'rest_api_init', 'passage_map_register_oembed_route' );
add_action( 'admin_init', 'passage_map_refresh_discovery_link' );

/** Registers the oEmbed endpoint. */
function passage_map_register_oembed_route() {
	register_rest_route(
		'passage-map/v1',
		'/oembed',
		array(
			'methods'             => 'GET',
			'callback'            => 'passage_map_oembed_response',
			'permission_callback' => '__return_true',
			'args'                => array(
				'url'       => array( 'type' => 'string', 'required' => true ),
				'maxwidth'  => array( 'type' => 'integer', 'minimum' => 0, 'default' => 0 ),
				'maxheight' => array( 'type' => 'integer', 'minimum' => 0, 'default' => 0 ),
				'format'    => array( 'type' => 'string', 'default' => 'json' ),
			),
		)
	);
}

/**
 * The oEmbed response (type rich) for a request.
 *
 * @param WP_REST_Request $request url, maxwidth, maxheight, format.
 * @return array|WP_Error
 */
function passage_map_oembed_response( $request ) {
	if ( 'json' !== $request['format'] ) {
		return new WP_Error( 'passage_map_format', 'Only format=json is served.', array( 'status' => 501 ) );
	}
	$url = (string) $request['url'];
	if ( ! passage_map_is_embed_url( $url ) ) {
		return new WP_Error( 'passage_map_not_found', 'Not an embed.html address of this site.', array( 'status' => 404 ) );
	}
	list( $width, $height ) = passage_map_oembed_size( (int) $request['maxwidth'], (int) $request['maxheight'] );
	$options = passage_map_options_from_url( $url );
	$title   = 'es' === $options['lang'] ? 'Mapa de la historia' : __( 'Story map', 'passage-map' );
	$name    = get_bloginfo( 'name' );
	return array(
		'version'       => '1.0',
		'type'          => 'rich',
		'provider_name' => '' !== $name ? $name : 'passage-map',
		'provider_url'  => home_url( '/' ),
		'title'         => $title,
		'width'         => $width,
		'height'        => $height,
		'html'          => sprintf(
			'<iframe src="%1$s" title="%2$s" width="%3$d" height="%4$d" style="display:block;border:0;width:100%%" loading="lazy"></iframe>',
			esc_url( passage_map_embed_url( $options ) ),
			esc_attr( $title ),
			$width,
			$height
		),
	);
}

/**
 * Width and height for the consumer's limits (0: none): the map's preferred size side by
 * side, taller when it must stack, never over a limit.
 *
 * @param int $maxwidth  Pixels, 0 for none.
 * @param int $maxheight Pixels, 0 for none.
 * @return int[] Width and height.
 */
function passage_map_oembed_size( $maxwidth, $maxheight ) {
	list( $width, $height ) = PASSAGE_MAP_WIDE_SIZE;
	if ( $maxwidth > 0 && $maxwidth < $width ) {
		$width = $maxwidth;
		if ( $width < PASSAGE_MAP_NARROW_FROM ) {
			$height = PASSAGE_MAP_NARROW_HEIGHT;
		}
	}
	if ( $maxheight > 0 && $maxheight < $height ) {
		$height = $maxheight;
	}
	return array( $width, $height );
}

/** The endpoint's address, as discovery links name it. */
function passage_map_oembed_endpoint() {
	return rest_url( 'passage-map/v1/oembed' );
}

/**
 * Points the discovery link of the shipped dist/embed.html at this site's endpoint (an
 * absolute address: WordPress, as a consumer, does not resolve relative ones). Leaves
 * the file as it is when it cannot be written.
 */
function passage_map_write_discovery_link() {
	$file = PASSAGE_MAP_DIR . 'dist/embed.html';
	if ( ! is_readable( $file ) || ! wp_is_writable( $file ) ) {
		return;
	}
	$endpoint = passage_map_oembed_endpoint();
	$html     = file_get_contents( $file ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents
	$new      = preg_replace(
		'#(<link rel="alternate" type="application/json\+oembed" href=")[^"]*(")#',
		'${1}' . esc_attr( esc_url_raw( $endpoint ) ) . '${2}',
		$html,
		1
	);
	if ( is_string( $new ) && $new !== $html ) {
		file_put_contents( $file, $new ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents
	}
	update_option( 'passage_map_discovery', $endpoint, false );
}

/** Rewrites the discovery link when the site's address (so the endpoint's) changed. */
function passage_map_refresh_discovery_link() {
	if ( get_option( 'passage_map_discovery' ) !== passage_map_oembed_endpoint() ) {
		passage_map_write_discovery_link();
	}
}
