// passage-map's block in the editor: the options in the sidebar, and the map itself
// as the post will show it (rendered by the server, the same as the shortcode). Plain
// JavaScript on WordPress's globals: no build step.
( function ( blocks, element, blockEditor, components, i18n, ServerSideRender ) {
	'use strict';
	var el = element.createElement;
	var __ = i18n.__;
	var ID = /^[a-z0-9-]*$/;

	function idHelp( value, text ) {
		return ID.test( value ) ? text : __( 'Only lowercase letters, digits and hyphens.', 'passage-map' );
	}

	function Edit( props ) {
		var a = props.attributes;
		var set = function ( key ) {
			return function ( value ) {
				var change = {};
				change[ key ] = value;
				props.setAttributes( change );
			};
		};
		var layersOk = a.layers.split( ',' ).every( function ( id ) {
			return ID.test( id.trim() );
		} );
		var inspector = el(
			blockEditor.InspectorControls,
			null,
			el(
				components.PanelBody,
				{ title: __( 'Map', 'passage-map' ), initialOpen: true },
				el( components.TextControl, {
					label: __( 'Place', 'passage-map' ),
					value: a.place,
					onChange: set( 'place' ),
					help: idHelp( a.place, __( 'A place id to open, e.g. cecot.', 'passage-map' ) ),
				} ),
				el( components.TextControl, {
					label: __( 'Layers', 'passage-map' ),
					value: a.layers,
					onChange: set( 'layers' ),
					help: layersOk
						? __( 'Layer ids to show, separated by commas; empty for all.', 'passage-map' )
						: __( 'Only lowercase letters, digits and hyphens, separated by commas.', 'passage-map' ),
				} ),
				el( components.SelectControl, {
					label: __( 'Language', 'passage-map' ),
					value: a.lang,
					onChange: set( 'lang' ),
					options: [
						{ label: __( 'Default (English)', 'passage-map' ), value: '' },
						{ label: 'English', value: 'en' },
						{ label: 'Español', value: 'es' },
					],
				} ),
				el( components.TextControl, {
					label: __( 'Story', 'passage-map' ),
					value: a.story,
					onChange: set( 'story' ),
					help: __( 'The address of a story.json on this site; empty for the default story.', 'passage-map' ),
				} ),
				el( components.TextControl, {
					label: __( 'Tour stop', 'passage-map' ),
					type: 'number',
					min: 0,
					value: a.tour,
					onChange: set( 'tour' ),
					help: __( 'Open the guided tour at this stop; empty for none.', 'passage-map' ),
				} ),
				el( components.TextControl, {
					label: __( 'Height (px)', 'passage-map' ),
					type: 'number',
					min: 0,
					value: a.height || '',
					onChange: function ( value ) {
						props.setAttributes( { height: parseInt( value, 10 ) || 0 } );
					},
					help: __( 'Empty: the map chooses (600 px side by side, taller when stacked). Wide alignment is recommended.', 'passage-map' ),
				} )
			)
		);
		return el(
			'div',
			blockEditor.useBlockProps(),
			inspector,
			el( ServerSideRender, { block: 'passage-map/map', attributes: a } )
		);
	}

	blocks.registerBlockType( 'passage-map/map', {
		edit: Edit,
		// A dynamic block: the post keeps the attributes, the server makes the map.
		save: function () {
			return null;
		},
	} );
} )( window.wp.blocks, window.wp.element, window.wp.blockEditor, window.wp.components, window.wp.i18n, window.wp.serverSideRender );
