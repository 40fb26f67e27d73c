// passage-map: gives each map's frame the height its map asks for (the frame posts
// {type: 'passage-map:height', height}), unless the post fixed a height. A frame that
// announced before this script ran is asked again ('passage-map:height-request').
( function () {
	'use strict';
	var FRAMES = 'iframe.passage-map-frame';
	window.addEventListener( 'message', function ( event ) {
		var data = event.data;
		if ( ! data || data.type !== 'passage-map:height' ) {
			return;
		}
		var height = Number( data.height );
		if ( ! isFinite( height ) || height < 200 || height > 3000 ) {
			return;
		}
		var frames = document.querySelectorAll( FRAMES );
		for ( var i = 0; i < frames.length; i++ ) {
			var frame = frames[ i ];
			if ( frame.contentWindow === event.source && ! frame.hasAttribute( 'data-passage-map-fixed-height' ) ) {
				frame.style.height = Math.round( height ) + 'px';
			}
		}
	} );
	var frames = document.querySelectorAll( FRAMES );
	for ( var i = 0; i < frames.length; i++ ) {
		if ( frames[ i ].contentWindow && ! frames[ i ].hasAttribute( 'data-passage-map-fixed-height' ) ) {
			frames[ i ].contentWindow.postMessage( { type: 'passage-map:height-request' }, '*' );
		}
	}
} )();
