import React from 'react';

type IconProps = {size?: number};

// Icons are drawn in currentColor so they follow the header and card colours.
function SvgIcon({size, path}: {size: number; path: string}) {
    return (
        <svg
            width={size}
            height={size}
            viewBox='0 0 24 24'
            aria-hidden='true'
            focusable='false'
        >
            <path
                fill='currentColor'
                d={path}
            />
        </svg>
    );
}

// The plugin icon's camera (assets/icon.svg).
export const CameraIcon = ({size = 18}: IconProps) => (
    <SvgIcon
        size={size}
        path='M4 6.5A2.5 2.5 0 0 1 6.5 4h7A2.5 2.5 0 0 1 16 6.5v1.6l3.4-2.3A1 1 0 0 1 21 6.6v10.8a1 1 0 0 1-1.6.8L16 15.9v1.6a2.5 2.5 0 0 1-2.5 2.5h-7A2.5 2.5 0 0 1 4 17.5z'
    />
);

export const RecordingIcon = ({size = 20}: IconProps) => (
    <SvgIcon
        size={size}
        path='M5 4h14a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm0 2v12h14V6zm7 2.5a3.5 3.5 0 1 1 0 7 3.5 3.5 0 0 1 0-7z'
    />
);

export const DownloadIcon = ({size = 16}: IconProps) => (
    <SvgIcon
        size={size}
        path='M11 4h2v8.2l3.3-3.3 1.4 1.4-5.7 5.7-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z'
    />
);

// A calendar page with one day marked: scheduled cards and Add to calendar.
export const CalendarIcon = ({size = 16}: IconProps) => (
    <SvgIcon
        size={size}
        path='M7 2h2v2h6V2h2v2h2a2 2 0 0 1 2 2v13a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2h2zM5 9v10h14V9zm2 2h4v4H7z'
    />
);

// The split call button's arrow: the menu with options and scheduling.
export const ChevronDownIcon = ({size = 16}: IconProps) => (
    <SvgIcon
        size={size}
        path='M7.4 8.6 12 13.2l4.6-4.6L18 10l-6 6-6-6z'
    />
);

// Three sliders: a start with options.
export const OptionsIcon = ({size = 16}: IconProps) => (
    <SvgIcon
        size={size}
        path='M3 6h9.2a2.5 2.5 0 0 1 4.6 0H21v2h-4.2a2.5 2.5 0 0 1-4.6 0H3zm0 10h3.2a2.5 2.5 0 0 1 4.6 0H21v2H10.8a2.5 2.5 0 0 1-4.6 0H3z'
    />
);
