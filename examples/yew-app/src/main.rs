//! A small Yew app that shows the default story with `<PassageMap … />`: buttons of its own
//! that change the selected place (the `place` property), and a line that follows the
//! reader's selections (`on_select`).
//!
//! Served from one folder: this app's `index.html`, `app.js`, `app.css`, the wasm-bindgen
//! output, `passage-map.css`, and the `story/` and `basemap/` folders of `cargo xtask dist`
//! (`cargo xtask test` builds the folder as `build/yew-app/`).

use passage_map::{PassageMap, StorySource};
use yew::prelude::*;

#[function_component]
fn StoryApp() -> Html {
    let place = use_state(|| AttrValue::from("cecot"));
    let selections = use_state(Vec::<String>::new);
    let on_select = {
        let selections = selections.clone();
        Callback::from(move |id: String| {
            let mut all = (*selections).clone();
            all.push(id);
            selections.set(all);
        })
    };
    let show = |id: &'static str| {
        let place = place.clone();
        Callback::from(move |_: MouseEvent| place.set(AttrValue::from(id)))
    };
    let last = selections.last().cloned().unwrap_or_else(|| "none yet".to_owned());

    html! {
        <>
            <header class="app-header">
                <h1>{ "A Yew app with a story map" }</h1>
                <button type="button" id="show-el-chorrillo" onclick={show("el-chorrillo")}>{ "Show El Chorrillo" }</button>
                <button type="button" id="show-cecot" onclick={show("cecot")}>{ "Show CECOT" }</button>
                <p id="selected" data-count={selections.len().to_string()}>{ format!("Selected: {last}") }</p>
            </header>
            <div class="app-map">
                <PassageMap story={StorySource::url("story/story.json")} basemap="basemap/"
                    place={(*place).clone()} lang="en" {on_select} />
            </div>
        </>
    }
}

fn main() {
    yew::Renderer::<StoryApp>::new().render();
}
