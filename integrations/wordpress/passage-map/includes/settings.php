<?php
/**
 * Settings → Story map: where the widget's files are served from. Empty uses the dist/
 * folder shipped in this plugin; a folder of this site (/passage-map/) or an address
 * uses files served there. Administrators only; the PASSAGE_MAP_BASE_URL constant
 * (wp-config.php) wins over the setting.
 *
 * @package passage-map
 */

defined( 'ABSPATH' ) || exit;

add_action( 'admin_menu', 'passage_map_settings_menu' );
add_action( 'admin_init', 'passage_map_register_setting' );

/**
 * A folder address ending in '/', absolute, or '' when `$value` is empty or not an
 * http(s) address or a path from the site's root.
 *
 * @param mixed $value As typed.
 * @return string
 */
function passage_map_clean_base_url( $value ) {
	$value = trim( is_scalar( $value ) ? (string) $value : '' );
	if ( '' === $value ) {
		return '';
	}
	if ( '/' === $value[0] && ( ! isset( $value[1] ) || '/' !== $value[1] ) ) {
		$home  = wp_parse_url( home_url( '/' ) );
		$value = $home['scheme'] . '://' . $home['host'] . ( isset( $home['port'] ) ? ':' . $home['port'] : '' ) . $value;
	}
	if ( ! preg_match( '#^https?://[^/\s"<>?\#]+(/[^\s"<>?\#]*)?$#i', $value ) ) {
		return '';
	}
	return trailingslashit( esc_url_raw( $value ) );
}

/** The configured folder, or ''. */
function passage_map_configured_base_url() {
	$value = defined( 'PASSAGE_MAP_BASE_URL' ) ? PASSAGE_MAP_BASE_URL : get_option( 'passage_map_base_url', '' );
	return passage_map_clean_base_url( $value );
}

/** Registers the setting. */
function passage_map_register_setting() {
	register_setting(
		'passage_map',
		'passage_map_base_url',
		array(
			'type'              => 'string',
			'default'           => '',
			'sanitize_callback' => 'passage_map_clean_base_url',
		)
	);
}

/** Adds Settings → Story map. */
function passage_map_settings_menu() {
	add_options_page( __( 'Story map', 'passage-map' ), __( 'Story map', 'passage-map' ), 'manage_options', 'passage-map', 'passage_map_settings_page' );
}

/** The settings page. */
function passage_map_settings_page() {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	?>
	<div class="wrap">
		<h1><?php esc_html_e( 'Story map', 'passage-map' ); ?></h1>
		<p><?php esc_html_e( 'Every role that writes posts can add the map: the Story map block, the [passage-map] shortcode, or the map\'s embed.html address pasted on a line of its own.', 'passage-map' ); ?></p>
		<form method="post" action="options.php">
			<?php settings_fields( 'passage_map' ); ?>
			<table class="form-table" role="presentation">
				<tr>
					<th scope="row"><label for="passage_map_base_url"><?php esc_html_e( 'Widget folder', 'passage-map' ); ?></label></th>
					<td>
						<input name="passage_map_base_url" id="passage_map_base_url" type="text" class="regular-text code" value="<?php echo esc_attr( get_option( 'passage_map_base_url', '' ) ); ?>" placeholder="/passage-map/">
						<p class="description"><?php esc_html_e( 'Empty: the files shipped with this plugin. Otherwise the folder of this site serving the built dist/ (the one with embed.html).', 'passage-map' ); ?></p>
					</td>
				</tr>
			</table>
			<?php submit_button(); ?>
		</form>
	</div>
	<?php
}
