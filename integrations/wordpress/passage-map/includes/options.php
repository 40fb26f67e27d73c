<?php
/**
 * The map's options, from a shortcode, a block or an embed address, checked one way:
 * place and layer ids to the id pattern, lang to the known languages, story to this
 * site only, height and tour to whole numbers in range. Anything else is dropped.
 *
 * @package passage-map
 */

defined( 'ABSPATH' ) || exit;

/** Ids of places and layers. */
const PASSAGE_MAP_ID = '/^[a-z0-9-]+$/';
/** Languages the widget speaks. */
const PASSAGE_MAP_LANGS = array( 'en', 'es' );
/** Heights a post may fix, in CSS pixels. */
const PASSAGE_MAP_MIN_HEIGHT = 300;
const PASSAGE_MAP_MAX_HEIGHT = 2000;

/**
 * Checked options from raw values (strings or numbers, as a shortcode, a block or a
 * query string gives them).
 *
 * @param array $raw place, layers, lang, story, height, tour, align.
 * @return array{place:string,layers:string,lang:string,story:string,height:int,tour:int,align:string}
 *         Empty strings and zeros mean "not given".
 */
function passage_map_options( $raw ) {
	$get = function ( $key ) use ( $raw ) {
		return isset( $raw[ $key ] ) && is_scalar( $raw[ $key ] ) ? trim( (string) $raw[ $key ] ) : '';
	};
	$place  = strtolower( $get( 'place' ) );
	$layers = array_filter(
		array_map( 'trim', explode( ',', strtolower( $get( 'layers' ) ) ) ),
		function ( $id ) {
			return 1 === preg_match( PASSAGE_MAP_ID, $id );
		}
	);
	$lang   = strtolower( $get( 'lang' ) );
	$height = $get( 'height' );
	$tour   = strtolower( $get( 'tour' ) );
	$align  = $get( 'align' );
	return array(
		'place'  => 1 === preg_match( PASSAGE_MAP_ID, $place ) ? $place : '',
		'layers' => implode( ',', array_unique( $layers ) ),
		'lang'   => in_array( $lang, PASSAGE_MAP_LANGS, true ) ? $lang : '',
		'story'  => passage_map_same_site_url( $get( 'story' ) ),
		'height' => ctype_digit( $height ) && (int) $height > 0 ? max( PASSAGE_MAP_MIN_HEIGHT, min( PASSAGE_MAP_MAX_HEIGHT, (int) $height ) ) : 0,
		'tour'   => ctype_digit( $tour ) && (int) $tour >= 1 && (int) $tour <= 999 ? (int) $tour : ( in_array( $tour, array( 'true', 'yes', 'start' ), true ) ? 1 : 0 ),
		'align'  => in_array( $align, array( 'wide', 'full' ), true ) ? $align : '',
	);
}

/**
 * `$url` when it is on this site (a path from the site's root, or an http(s) address
 * with this site's host and port), else ''. A story from elsewhere would be shown under
 * this site's name.
 *
 * @param string $url As given.
 * @return string The address, absolute, or ''.
 */
function passage_map_same_site_url( $url ) {
	if ( '' === $url || preg_match( '/[\s<>"\'\\\\]/', $url ) ) {
		return '';
	}
	$home = wp_parse_url( home_url( '/' ) );
	$site = $home['scheme'] . '://' . $home['host'] . ( isset( $home['port'] ) ? ':' . $home['port'] : '' );
	if ( '/' === $url[0] && ( ! isset( $url[1] ) || '/' !== $url[1] ) ) {
		return esc_url_raw( $site . $url );
	}
	$parts = wp_parse_url( $url );
	if ( ! is_array( $parts ) || empty( $parts['scheme'] ) || empty( $parts['host'] ) ) {
		return '';
	}
	$same = in_array( strtolower( $parts['scheme'] ), array( 'http', 'https' ), true )
		&& strtolower( $parts['host'] ) === strtolower( $home['host'] )
		&& ( isset( $parts['port'] ) ? (int) $parts['port'] : null ) === ( isset( $home['port'] ) ? (int) $home['port'] : null )
		&& empty( $parts['user'] ) && empty( $parts['pass'] );
	return $same ? esc_url_raw( $url ) : '';
}

/**
 * The query string of the widget's embed.html for `$options` (only what is given).
 *
 * @param array $options From passage_map_options().
 * @return array Query arguments, unencoded.
 */
function passage_map_query( $options ) {
	$query = array();
	foreach ( array( 'place', 'layers', 'lang', 'story', 'tour' ) as $key ) {
		if ( ! empty( $options[ $key ] ) ) {
			$query[ $key ] = (string) $options[ $key ];
		}
	}
	return $query;
}
